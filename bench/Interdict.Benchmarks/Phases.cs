using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>Where a screen's time goes: query preparation, candidate retrieval and scoring, timed apart on one core. Usage: phases [N] [min trigram share] [max candidates] [min Dice]</summary>
internal static class Phases
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var lists = ListSources.Ids.Select(BundledLists.Load).ToList();
        var names = lists.SelectMany(l => l.Entities).SelectMany(e => e.Names.Select(x => new PreparedName(x.Value))).Where(p => p.Tokens.Length > 0).ToArray();
        var index = new TrigramIndex([.. names.Select(p => p.Folded)], weighted: true);
        var queries = Throughput.MakeQueries(lists[0], n).Select(q => q.Name).ToArray();

        var sw = Stopwatch.StartNew();
        var prepared = queries.Select(q => new PreparedName(q)).ToArray();
        var prepare = sw.Elapsed;
        sw.Restart();
        var share = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.3;
        var max = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        var dice = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var candidates = prepared.Select(p => index.Candidates(TrigramIndex.Codes(p.Folded), share, max, dice)).ToArray();
        var retrieve = sw.Elapsed;
        sw.Restart();
        var compared = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            foreach (var (c, _) in candidates[i])
            {
                NameMatcher.Compare(prepared[i], names[c], true, explain: false);
                compared++;
            }
        }

        var score = sw.Elapsed;

        // As the engine screens: listed words get ids (so similarities are cached per query), candidates that cannot
        // reach the default threshold are skipped, the rest compared in full.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            name.TokenIds = [.. name.Tokens.Select(t => vocabulary.TryGetValue(t, out var id) ? id : vocabulary[t] = vocabulary.Count)];
        }

        sw.Restart();
        var survivors = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            var cache = new TokenCache(prepared[i].Tokens.Length, vocabulary.Count);
            foreach (var (c, _) in candidates[i])
            {
                if (NameMatcher.MayReach(prepared[i], names[c], true, MatcherVersion.Current, cache, ScreeningOptions.DefaultThreshold))
                {
                    NameMatcher.Compare(prepared[i], names[c], true, explain: false, MatcherVersion.Current, cache);
                    survivors++;
                }
            }

            cache.Release();
        }

        var bounded = sw.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{n:N0} queries: prepare {prepare.TotalMilliseconds / n * 1000:N1} µs, retrieve {retrieve.TotalMilliseconds / n * 1000:N1} µs ({candidates.Average(c => c.Count):N1} candidates), score every candidate {score.TotalMilliseconds / n * 1000:N1} µs ({score.TotalMilliseconds / compared * 1000:N2} µs per comparison), bound then score {bounded.TotalMilliseconds / n * 1000:N1} µs ({(double)survivors / n:N1} compared in full) per query"));
        return 0;
    }
}

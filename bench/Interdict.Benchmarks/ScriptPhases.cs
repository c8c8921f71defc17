using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// Where the time of a screen of a name in one script goes, as the engine spends it: query preparation, retrieval from
/// the trigram index of folded parts and from that of consonant keys (with the candidates each returns), the score
/// bound and the full comparisons, as matcher 2.0.0 runs them (its word-by-word retrieval of names in Arabic and Hebrew
/// script). One thread. Prints the query's parts and keys first. Usage: script-phases NAME [N]
/// </summary>
internal static class ScriptPhases
{
    private const MatcherVersion Version = MatcherVersion.V200;

    public static int Run(string[] args)
    {
        var query = args[0];
        var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var names = ListSources.Ids.Select(BundledLists.Load).SelectMany(l => l.Entities).SelectMany(e => e.Names.Select(x => new PreparedName(x.Value, Version))).Where(p => p.Tokens.Length > 0).ToArray();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in names)
        {
            p.TokenIds = [.. p.Tokens.Select(t => vocabulary.TryGetValue(t, out var id) ? id : vocabulary[t] = vocabulary.Count)];
        }

        var index = new TrigramIndex([.. names.Select(p => p.Folded)], weighted: true);
        var keys = new KeyWordIndex([.. names.Select(p => p.Keys)]);
        TimeSpan prepare = default, retrieve = default, retrieveKeys = default, bound = default, compare = default;
        int candidates = 0, keyCandidates = 0, passed = 0;
        for (var r = 0; r < n; r++)
        {
            var sw = Stopwatch.StartNew();
            var prepared = new PreparedName(query, Version);
            prepare += sw.Elapsed;
            sw.Restart();
            var found = index.Candidates(TrigramIndex.Codes(prepared.Folded), 0.26, 1000).Select(c => c.Name).ToList();
            retrieve += sw.Elapsed;
            candidates += found.Count;
            sw.Restart();
            if (prepared.Vowelless)
            {
                var byKey = keys.Candidates(prepared.Keys);
                keyCandidates += byKey.Count;
                found.AddRange(byKey);
            }

            retrieveKeys += sw.Elapsed;
            if (r == 0)
            {
                Console.WriteLine($"parts {string.Join(' ', prepared.Tokens)}; keys {string.Join(' ', prepared.Keys)}");
            }

            sw.Restart();
            var cache = new TokenCache(prepared.Tokens.Length, vocabulary.Count, keyRows: prepared.Vowelless);
            var reaching = found.Where(c => NameMatcher.MayReach(prepared, names[c], true, Version, cache, 0.829)).ToList();
            passed += reaching.Count;
            bound += sw.Elapsed;
            sw.Restart();
            foreach (var c in reaching)
            {
                NameMatcher.Compare(prepared, names[c], true, explain: false, Version, cache);
            }

            compare += sw.Elapsed;
            cache.Release();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{query}: per screen prepare {prepare.TotalMilliseconds / n:F3} ms, retrieve {retrieve.TotalMilliseconds / n:F3} ms ({candidates / n} candidates), by key {retrieveKeys.TotalMilliseconds / n:F3} ms ({keyCandidates / n}), bound {bound.TotalMilliseconds / n:F3} ms ({passed / n} pass), compare {compare.TotalMilliseconds / n:F3} ms"));
        return 0;
    }
}

/// <summary>Times engine.Screen on one name (with and without a date of birth). Usage: screen-time NAME [N] [--matcher 2.0.0]</summary>
internal static class ScreenTime
{
    public static int Run(string[] args)
    {
        var n = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var version = args.SkipWhile(a => a != "--matcher").Skip(1).Select(a => MatcherVersions.TryParse(a, out var v) ? v : throw new ArgumentException(a)).FirstOrDefault(MatcherVersion.Current);
        var engine = new ScreeningEngine(ListSources.Ids.Select(BundledLists.Load), version);
        foreach (var dob in new Interdict.Core.Model.PartialDate?[] { null, new Interdict.Core.Model.PartialDate(1970, 3, 4) })
        {
            var q = new ScreeningQuery { Name = args[0], Kind = Interdict.Core.Model.EntityKind.Person, DateOfBirth = dob };
            var hits = engine.Screen(q).Hits.Count;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                engine.Screen(q);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]} dob={dob}: {sw.Elapsed.TotalMilliseconds / n:F3} ms, {hits} hits"));
        }

        return 0;
    }
}

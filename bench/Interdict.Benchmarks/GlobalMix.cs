using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// The global customer mix (issue #20): everyday names of people of many cultures, each written in its own script
/// (Latin, Arabic, Persian, Cyrillic, Hebrew, Hangul, Han, Japanese, Devanagari, Thai, Greek, Georgian, Armenian: from
/// eval/names/given.txt, family.txt, scripts.tsv and global.tsv), half of them with a date of birth, screened against
/// every bundled list. Prints the mix's rate on all cores, then per script, on one thread, the mean and p99 cost of a
/// name and its ratio to Latin's, and the process's peak memory. Usage: global [N] [--matcher 1.5.0] [--passes P] [--only SCRIPT] [--dump FILE]
/// </summary>
internal static class GlobalMix
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) ? count : 20_000;
        var passes = args.SkipWhile(a => a != "--passes").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);
        var version = args.SkipWhile(a => a != "--matcher").Skip(1).Select(a => MatcherVersions.TryParse(a, out var v) ? v : throw new ArgumentException(a)).FirstOrDefault(MatcherVersion.Current);
        var lists = ListSources.Ids.AsParallel().AsOrdered().Select(BundledLists.Load).ToList();
        var engine = new ScreeningEngine(lists, version);
        var byScript = Names();
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        // --dump FILE: the hits of the per-script runs (script, query, entity, matched name, score), to compare versions
        // (written inside the timed loop: time without it).
        var dump = args.SkipWhile(a => a != "--dump").Skip(1).FirstOrDefault();
        var scripts = byScript.Keys.Where(s => only is null || s == only).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(42);
        var mix = new (string Script, ScreeningQuery Query)[n];
        for (var i = 0; i < n; i++)
        {
            var script = scripts[i % scripts.Length];
            mix[i] = (script, Query(byScript[script], script, random, withDate: (i / scripts.Length) % 2 == 0));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matcher {version.Name()}; {scripts.Length} scripts: {string.Join(", ", scripts)}"));
        // Warm-up: every script's code paths compiled before anything is timed.
        Parallel.ForEach(mix.Take(4_000), q => engine.Screen(q.Query));
        var rates = new List<double>();
        long hits = 0;
        for (var p = 0; p < passes; p++)
        {
            hits = 0;
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(mix, q => Interlocked.Add(ref hits, engine.Screen(q.Query).Hits.Count));
            rates.Add(n / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"global mix: {n:N0} names, median {rates[rates.Count / 2]:N0} names/s (best {rates[^1]:N0}) on {Environment.ProcessorCount} cores; {hits:N0} hits"));

        // Per script, on one thread: the cost of one name.
        var latin = 0.0;
        Console.WriteLine("script        names   mean ms   p99 ms   x Latin   hits   KB/name");
        foreach (var script in scripts.OrderBy(s => s == "latin" ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal))
        {
            var queries = mix.Where(q => q.Script == script).Select(q => q.Query).Take(600).ToArray();
            var times = new double[queries.Length];
            var found = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < queries.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                var result = engine.Screen(queries[i]);
                found += result.Hits.Count;
                if (dump is not null)
                {
                    File.AppendAllLines(dump, result.Hits.Select(h => string.Create(CultureInfo.InvariantCulture, $"{script}\t{queries[i].Name}\t{h.EntityId}\t{h.MatchedName}\t{h.Score:F3}")));
                }
                times[i] = clock.Elapsed.TotalMilliseconds;
            }

            if (args.Contains("--slowest"))
            {
                foreach (var i in Enumerable.Range(0, queries.Length).OrderByDescending(i => times[i]).Take(3))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slow: {queries[i].Name} ({queries[i].DateOfBirth}) {times[i]:F2} ms"));
                }
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Array.Sort(times);
            var mean = times.Average();
            latin = script == "latin" ? mean : latin;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{script,-12} {queries.Length,6} {mean,9:F3} {times[(int)(times.Length * 0.99)],8:F3} {mean / latin,9:F2} {found,6} {allocated / 1024.0 / queries.Length,9:F1}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB; collections gen0 {GC.CollectionCount(0):N0}, gen1 {GC.CollectionCount(1):N0}, gen2 {GC.CollectionCount(2):N0}"));
        return 0;
    }

    // Given and family names per script.
    private static Dictionary<string, (string[] Given, string[] Family)> Names()
    {
        static string[] Lines(string file) => [.. File.ReadLines(RepositoryFile.Find(Path.Combine("eval", "names", file))).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        var result = new Dictionary<string, (string[] Given, string[] Family)>(StringComparer.Ordinal)
        {
            ["latin"] = (Lines("given.txt"), Lines("family.txt")),
        };
        foreach (var group in Lines("scripts.tsv").Concat(Lines("global.tsv")).Select(l => l.Split('\t')).GroupBy(f => f[0], StringComparer.Ordinal))
        {
            result[group.Key] = ([.. group.Where(f => f[1] == "given").Select(f => f[2])], [.. group.Where(f => f[1] == "family").Select(f => f[2])]);
        }

        return result;
    }

    private static ScreeningQuery Query((string[] Given, string[] Family) names, string script, Random random, bool withDate)
    {
        var given = names.Given[random.Next(names.Given.Length)];
        var family = names.Family[random.Next(names.Family.Length)];
        var name = script switch
        {
            "korean" or "chinese" => family + given,
            "japanese" => family + " " + given,
            _ => given + " " + family,
        };
        return new ScreeningQuery
        {
            Name = name,
            Kind = EntityKind.Person,
            DateOfBirth = withDate ? new PartialDate(1940 + random.Next(65), 1 + random.Next(12), 1 + random.Next(28)) : null,
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// Whole-run harness: loads the bundled lists, builds the index, and screens N names (half listed names with a typo,
/// half unlisted names) in parallel, as the CLI's batch mode does. Prints load time, names per second and peak memory.
/// Usage: throughput [N]
/// </summary>
internal static class Throughput
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var load = Stopwatch.StartNew();
        // As the CLI does: the four lists are parsed in parallel.
        var lists = ListSources.Ids.AsParallel().AsOrdered().Select(BundledLists.Load).ToList();
        var list = lists[0];
        var parsed = load.Elapsed;
        var engine = new ScreeningEngine(lists);
        var indexed = load.Elapsed;

        var queries = MakeQueries(list, n);
        var run = Stopwatch.StartNew();
        var hits = 0;
        Parallel.For(0, queries.Length, () => 0, (i, _, local) => local + engine.Screen(queries[i]).Hits.Count, local => Interlocked.Add(ref hits, local));
        run.Stop();

        // Single in-process screens, one at a time: latency percentiles.
        var latencies = new double[Math.Min(n, 10_000)];
        for (var i = 0; i < latencies.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            engine.Screen(queries[i]);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        Array.Sort(latencies);

        // The exhaustive baseline in the same run: every name scored for each query (a small sample: it is slow).
        var sample = Math.Min(n, 200);
        var exhaustive = Stopwatch.StartNew();
        Parallel.For(0, sample, i => engine.Screen(queries[i], new ScreeningOptions { Exhaustive = true }));
        exhaustive.Stop();
        var indexedRate = n / run.Elapsed.TotalSeconds;
        var exhaustiveRate = sample / exhaustive.Elapsed.TotalSeconds;

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lists {lists.Count}, entities {lists.Sum(l => l.Entities.Count):N0}, names indexed {engine.NameCount:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse {parsed.TotalMilliseconds:N0} ms, parse + index {indexed.TotalMilliseconds:N0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"screened {n:N0} names in {run.Elapsed.TotalSeconds:F2} s = {n / run.Elapsed.TotalSeconds:N0} names/s on {Environment.ProcessorCount} cores; {hits:N0} hits"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single screens: p50 {latencies[latencies.Length / 2]:F2} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F2} ms, max {latencies[^1]:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exhaustive baseline: {exhaustiveRate:N0} names/s on {sample} names; the index is {indexedRate / exhaustiveRate:N1}x faster"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MB"));
        return 0;
    }

    internal static ScreeningQuery[] MakeQueries(WatchList list, int n)
    {
        var random = new Random(42);
        string[] first = ["Margaret", "Thomas", "Aisha", "Wei", "Olga", "Juan", "Priya", "Kenji", "Fatima", "Lars"];
        string[] last = ["Thornbury", "Kowalski", "Okafor", "Lindqvist", "Moreau", "Haddad", "Tanaka", "Silva", "Novak", "Fischer"];
        var queries = new ScreeningQuery[n];
        for (var i = 0; i < n; i++)
        {
            if (i % 2 == 0)
            {
                var name = list.Entities[random.Next(list.Entities.Count)].Name;
                var pos = random.Next(name.Length);
                queries[i] = new ScreeningQuery { Name = name.Remove(pos, 1) };
            }
            else
            {
                queries[i] = new ScreeningQuery { Name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}" };
            }
        }

        return queries;
    }
}

using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// What the stress mix's near hits (listed names with a typo) cost, on one thread. <c>near-costs [N]</c> times each of N
/// stress-mix queries and prints the cost of near hits by their number of words, how concentrated it is, and the slowest
/// queries. <c>near-loop SECONDS</c> screens near hits only for that long and prints the rate: run two builds at once,
/// each pinned to one core (<c>taskset -c 0</c> / <c>-c 1</c>, swapping cores between rounds), to compare them under the
/// same conditions when the machine's speed drifts by more than the change being measured.
/// </summary>
internal static class NearHitProbe
{
    public static int Costs(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4_000;
        var lists = ListSources.Ids.Select(BundledLists.Load).ToList();
        var engine = new ScreeningEngine(lists);
        var queries = Throughput.MakeQueries(lists[0], n);
        foreach (var q in Throughput.MakeQueries(lists[0], 2_000, seed: 7))
        {
            engine.Screen(q);
        }

        var rows = new List<(double Micros, int Words, int Hits, string Name)>();
        foreach (var q in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var hits = engine.Screen(q).Hits.Count;
            rows.Add((Stopwatch.GetElapsedTime(start).TotalMicroseconds, new PreparedName(q.Name).Tokens.Length, hits, q.Name));
        }

        // The stress mix alternates: even queries are listed names with a typo, odd ones unlisted names.
        var near = rows.Where((_, i) => i % 2 == 0).ToList();
        var far = rows.Where((_, i) => i % 2 == 1).ToList();
        var total = near.Sum(r => r.Micros);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"near hits: mean {near.Average(r => r.Micros):F0} µs; unlisted names: mean {far.Average(r => r.Micros):F0} µs"));
        foreach (var g in near.GroupBy(r => Math.Min(r.Words, 8)).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.Key}{(g.Key == 8 ? "+" : "")} words: {g.Count()} queries, mean {g.Average(r => r.Micros):F0} µs, {g.Sum(r => r.Micros) / total:P0} of the near hits' time"));
        }

        var slowest = near.OrderByDescending(r => r.Micros).ToList();
        foreach (var share in (double[])[0.01, 0.1, 0.5])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slowest {share:P0} of near hits: {slowest.Take((int)(slowest.Count * share)).Sum(r => r.Micros) / total:P0} of their time"));
        }

        foreach (var r in slowest.Take(10))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Micros,8:F0} µs {r.Hits,3} hits  {r.Name}"));
        }

        return 0;
    }

    public static int Loop(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var lists = ListSources.Ids.Select(BundledLists.Load).ToList();
        var engine = new ScreeningEngine(lists);
        var queries = Throughput.MakeQueries(lists[0], 8_000).Where((_, i) => i % 2 == 0).ToArray();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        var run = Stopwatch.StartNew();
        var k = 0;
        while (run.Elapsed.TotalSeconds < seconds)
        {
            engine.Screen(queries[k++ % queries.Length]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{k / run.Elapsed.TotalSeconds:F0} near hits/s on one thread; {(GC.GetAllocatedBytesForCurrentThread() - allocated) / k:N0} bytes allocated per screen; {GC.CollectionCount(0) - collections} collections ({GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 in all), paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms"));
        return 0;
    }
}

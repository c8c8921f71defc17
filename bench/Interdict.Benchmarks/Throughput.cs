using System.Diagnostics;
using System.Globalization;
using Interdict.Cli;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// Whole-run harness: loads the bundled lists, builds the index, and screens N names in parallel, as the CLI's batch
/// mode does, in two mixes: the stress mix (half listed names with a typo, half unlisted names) and a customer-base mix
/// (realistic unlisted names, half with a date of birth, one in a hundred a listed name with a typo). Prints load time,
/// names per second, single-screen latencies and peak memory. Usage: throughput [N] [--cold] [--passes P] [--sweep]
/// </summary>
/// <remarks>
/// <c>--sweep</c> screens the customer-base mix again with 0%, 1%, 5%, 10%, 25% and 50% listed names with a typo: the
/// rate as a function of how many names come near a listed one.
/// </remarks>
/// <remarks>
/// With <c>--passes P</c> each mix is screened P times and the median and best rates are printed: on a shared machine a
/// single pass varies by ±10% from run to run.
/// </remarks>
/// <remarks>
/// A batch first screens 2,000 names untimed (the JIT compiles the screening code on its first calls; a bank's batch is
/// far longer than that), unless <c>--cold</c> is given, which times the first names too, as sessions 1–4 measured.
/// </remarks>
internal static class Throughput
{
    private const int WarmUp = 2_000;

    public static int Run(string[] args)
    {
        var n = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) ? count : 10_000;
        var cold = args.Contains("--cold");
        var passes = args.SkipWhile(a => a != "--passes").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1);
        var load = Stopwatch.StartNew();
        // As the CLI does: the four lists are parsed in parallel.
        var lists = ListSources.Ids.AsParallel().AsOrdered().Select(BundledLists.Load).ToList();
        var parsed = load.Elapsed;
        var engine = new ScreeningEngine(lists);
        var indexed = load.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lists {lists.Count}, entities {lists.Sum(l => l.Entities.Count):N0}, names indexed {engine.NameCount:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse {parsed.TotalMilliseconds:N0} ms, parse + index {indexed.TotalMilliseconds:N0} ms"));

        var stress = MakeQueries(lists[0], n);
        var customers = MakeCustomerQueries(lists, n);
        if (!cold)
        {
            Batch(engine, MakeQueries(lists[0], WarmUp, seed: 7));
        }

        var (stressRate, stressHits) = Passes(engine, stress, passes);
        var (customerRate, customerHits) = Passes(engine, customers, passes);
        var timing = cold ? "from a cold start" : $"after {WarmUp:N0} names untimed";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stress mix: screened {n:N0} names {timing} = {stressRate} names/s on {Environment.ProcessorCount} cores; {stressHits:N0} hits"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"customer-base mix: screened {n:N0} names = {customerRate} names/s on {Environment.ProcessorCount} cores; {customerHits:N0} hits"));

        if (args.Contains("--sweep"))
        {
            Sweep(engine, lists, n, passes);
        }

        // Single in-process screens, one at a time: latency percentiles.
        var latencies = new double[Math.Min(n, 10_000)];
        for (var i = 0; i < latencies.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            engine.Screen(stress[i]);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single screens (stress mix): p50 {latencies[latencies.Length / 2]:F2} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F2} ms, max {latencies[^1]:F2} ms"));

        // The exhaustive baseline in the same run: every name scored for each query (a small sample: it is slow).
        var sample = Math.Min(n, 200);
        var exhaustive = Stopwatch.StartNew();
        Parallel.For(0, sample, i => engine.Screen(stress[i], new ScreeningOptions { Exhaustive = true }));
        exhaustive.Stop();
        var exhaustiveRate = sample / exhaustive.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exhaustive baseline (stress mix): {exhaustiveRate:N0} names/s on {sample} names"));

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MB"));
        return 0;
    }

    // The customer-base mix with more and more listed names with a typo in it: how the rate falls as the share of names
    // that come near a listed name grows (each costs several times an unlisted name).
    private static void Sweep(ScreeningEngine engine, IReadOnlyList<WatchList> lists, int n, int passes)
    {
        foreach (var every in (int[])[0, 100, 20, 10, 4, 2])
        {
            var (rate, hits) = Passes(engine, MakeCustomerQueries(lists, n, every), passes);
            var share = every == 0 ? "0%" : (1.0 / every).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep: {share,4} listed names with a typo: {rate} names/s; {hits:N0} hits"));
        }
    }

    // The rate of one pass, or the median and best of several.
    private static (string Rate, int Hits) Passes(ScreeningEngine engine, ScreeningQuery[] queries, int passes)
    {
        var results = Enumerable.Range(0, passes).Select(_ => Batch(engine, queries)).ToArray();
        var rates = results.Select(r => r.Rate).Order().ToArray();
        var rate = passes == 1
            ? rates[0].ToString("N0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{rates[rates.Length / 2]:N0} (median of {passes} passes; best {rates[^1]:N0})");
        return (rate, results[0].Hits);
    }

    // Screens the queries in parallel as the CLI's batch mode does: names per second and hits.
    private static (double Rate, int Hits) Batch(ScreeningEngine engine, ScreeningQuery[] queries)
    {
        var run = Stopwatch.StartNew();
        var hits = 0;
        Parallel.For(0, queries.Length, () => 0, (i, _, local) => local + engine.Screen(queries[i]).Hits.Count, local => Interlocked.Add(ref hits, local));
        run.Stop();
        return (queries.Length / run.Elapsed.TotalSeconds, hits);
    }

    /// <summary>The stress mix: half names of <paramref name="list"/> with one character deleted, half unlisted names.</summary>
    internal static ScreeningQuery[] MakeQueries(WatchList list, int n, int seed = 42)
    {
        var random = new Random(seed);
        string[] first = ["Margaret", "Thomas", "Aisha", "Wei", "Olga", "Juan", "Priya", "Kenji", "Fatima", "Lars"];
        string[] last = ["Thornbury", "Kowalski", "Okafor", "Lindqvist", "Moreau", "Haddad", "Tanaka", "Silva", "Novak", "Fischer"];
        var queries = new ScreeningQuery[n];
        for (var i = 0; i < n; i++)
        {
            queries[i] = i % 2 == 0
                ? new ScreeningQuery { Name = WithTypo(list, random) }
                : new ScreeningQuery { Name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}" };
        }

        return queries;
    }

    /// <summary>
    /// The customer-base mix: the evaluation's 1,000 realistic unlisted names (<c>eval/data/negatives*.queries.csv</c>,
    /// drawn from common given and family names of many cultures), half of them with a date of birth, and one query in a
    /// hundred a name of any bundled list with one character deleted. The engine keeps nothing from one query to the next,
    /// so repeating the 1,000 names costs what new names would.
    /// </summary>
    /// <remarks><paramref name="nearEvery"/>: one query in that many is a listed name with a typo (0: none).</remarks>
    internal static ScreeningQuery[] MakeCustomerQueries(IReadOnlyList<WatchList> lists, int n, int nearEvery = 100)
    {
        var plain = ReadQueries("negatives.queries.csv");
        var dated = ReadQueries("negatives-dob.queries.csv");
        var random = new Random(42);
        var queries = new ScreeningQuery[n];
        for (var i = 0; i < n; i++)
        {
            queries[i] = nearEvery > 0 && i % nearEvery == nearEvery / 2
                ? new ScreeningQuery { Name = WithTypo(lists[random.Next(lists.Count)], random) }
                : (i % 2 == 0 ? plain : dated)[(i / 2) % plain.Length];
        }

        return queries;
    }

    private static string WithTypo(WatchList list, Random random)
    {
        var name = list.Entities[random.Next(list.Entities.Count)].Name;
        return name.Remove(random.Next(name.Length), 1);
    }

    private static ScreeningQuery[] ReadQueries(string file)
    {
        var path = RepositoryFile.Find(Path.Combine("eval", "data", file));

        // Read as `interdict screen --input` reads a query file (every row of these files has a name).
        using var reader = new StreamReader(path);
        return [.. QueryCsvReader.Read(reader, file, []).Select(row => row.Query!)];
    }
}

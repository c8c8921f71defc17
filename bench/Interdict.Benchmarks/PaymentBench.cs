using System.Diagnostics;
using System.Globalization;
using System.Text;
using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Lists.Bundled;
using Interdict.Payments;
using Interdict.Payments.Queue;
using Interdict.Storage.Sqlite;
using RabbitMQ.Client;

namespace Interdict.Benchmarks;

/// <summary>
/// Payment screening (issue #24). <c>payments [N]</c>: N pacs.008 messages (one transaction; debtor, creditor, ultimate
/// parties and four agents with BICs, addresses and remittance text; names of many cultures from eval/names) read and
/// screened in process on every core, then one at a time for the per-message mean and p99. <c>payment-queue [N]
/// [--batch B]</c>: N persistent messages through the inline filter on a RabbitMQ queue (INTERDICT_AMQP, default
/// amqp://guest:guest@127.0.0.1:5672/), end to end: from the filter's start to the last message decided, recorded in an
/// SQLite audit trail, published with confirmation and acknowledged.
/// </summary>
internal static class PaymentBench
{
    public static int Screen(string[] args)
    {
        var n = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) ? count : 20_000;
        var (screener, _) = Screener();
        // Each pass screens messages of its own (other people, invoice numbers and dates): the screener's cache helps
        // only as much as a stream's own repetition does.
        Parallel.ForEach(Messages(2_000, seed: 99), m => screener.Screen(PaymentText.Read(m, "warm-up")));
        var rates = new List<double>();
        long held = 0;
        var messages = new List<byte[]>();
        for (var pass = 0; pass < 3; pass++)
        {
            messages = Messages(n, seed: pass);
            held = 0;
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(messages, m =>
            {
                if (screener.Screen(PaymentText.Read(m, "bench")).Decision == "hold")
                {
                    Interlocked.Increment(ref held);
                }
            });
            rates.Add(n / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        messages = Messages(Math.Min(n, 5_000), seed: 3);
        var times = new double[messages.Count];
        for (var i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            screener.Screen(PaymentText.Read(messages[i], "bench"));
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pacs.008: {n:N0} messages, median {rates[1]:N0}/s (best {rates[2]:N0}) on {Environment.ProcessorCount} cores, {held:N0} held; one at a time mean {times.Average():F3} ms, p99 {times[(int)(times.Length * 0.99)]:F3} ms; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB"));
        return 0;
    }

    public static async Task<int> Queue(string[] args)
    {
        var n = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) ? count : 20_000;
        var batch = args.SkipWhile(a => a != "--batch").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(200);
        var broker = new Uri(Environment.GetEnvironmentVariable("INTERDICT_AMQP") ?? "amqp://guest:guest@127.0.0.1:5672/");
        var (screener, engine) = Screener();
        var id = "bench" + Guid.NewGuid().ToString("N")[..8];
        var options = new PaymentFilterOptions { Broker = broker, Input = id + ".in", Pass = id + ".pass", Hold = id + ".hold", DeadLetter = id + ".dead", Batch = batch, IdleExit = TimeSpan.FromSeconds(3), Instance = "bench" };
        var messages = Messages(n);
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(options.Input, durable: true, exclusive: false, autoDelete: false);
            var clock = Stopwatch.StartNew();
            var pending = new List<Task>();
            for (var i = 0; i < n; i++)
            {
                pending.Add(channel.BasicPublishAsync("", options.Input, mandatory: true, new BasicProperties { MessageId = $"m{i}", Persistent = true }, messages[i]).AsTask());
                if (pending.Count == 1_000)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            await Task.WhenAll(pending);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published {n:N0} persistent messages in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        var folder = Directory.CreateTempSubdirectory("interdict-bench-queue-").FullName;
        try
        {
            using var audit = SqliteAuditLog.Open(Path.Combine(folder, "audit.db"));
            var filter = new PaymentFilter(screener, engine, audit, options);
            var run = Stopwatch.StartNew();
            var last = TimeSpan.Zero;
            await filter.RunAsync(new SyncProgress(c => last = c.Total >= n && last == TimeSpan.Zero ? run.Elapsed : last));
            var c = filter.Counts;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"payment-filter (batch {batch}): {c.Total:N0} messages decided, recorded and acknowledged in {last.TotalSeconds:F1} s: {c.Total / last.TotalSeconds:N0}/s end to end ({c.Passed:N0} passed, {c.Held:N0} held, {c.Rejected:N0} rejected) on {Environment.ProcessorCount} cores, broker on the same machine"));
        }
        finally
        {
            await using var channel = await connection.CreateChannelAsync();
            foreach (var q in new[] { options.Input, options.Pass, options.Hold, options.DeadLetter })
            {
                await channel.QueueDeleteAsync(q, ifUnused: false, ifEmpty: false);
            }

            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    /// <summary>
    /// <c>payment-text [eval/data/payment-text.csv]</c>: the text screening alone on the labelled free-text set
    /// (eval/make-paymenttext.py): how many embedded listed names are found (the expected entity, or its record on another
    /// list), how many texts without one are held, and the cost of a text.
    /// </summary>
    public static int Text(string[] args)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? RepositoryFile.Find(Path.Combine("eval", "data", "payment-text.csv"));
        var (screener, engine) = Screener();
        var score = Evaluation.PaymentTextSet.Score(path, screener, engine);
        if (args.Contains("--misses"))
        {
            foreach (var miss in score.Misses)
            {
                Console.WriteLine("  " + miss);
            }
        }

        Console.WriteLine($"payment text: {score}");
        return 0;
    }

    private sealed class SyncProgress(Action<PaymentFilterCounts> report) : IProgress<PaymentFilterCounts>
    {
        public void Report(PaymentFilterCounts value) => report(value);
    }

    private static (PaymentScreener Screener, ScreeningEngine Engine) Screener()
    {
        var lists = ListSources.Ids.AsParallel().AsOrdered().Select(BundledLists.Load).ToList();
        var engine = new ScreeningEngine(lists);
        return (new PaymentScreener(engine, ScreeningOptions.DefaultThreshold), engine);
    }

    // pacs.008 messages from the test fixture, each with its own id and people of many cultures (Latin script) as parties;
    // one in fifty names a listed party as creditor, so that some are held.
    private static List<byte[]> Messages(int n, int seed = 7)
    {
        var template = File.ReadAllText(RepositoryFile.Find(Path.Combine("tests", "Interdict.TestKit", "Fixtures", "payments", "pacs008-clean.xml")))
            .Replace("</Cdtr>", "</Cdtr>\n                <RmtInf><Ustrd>INVOICE {INV} DATED 2026-11-{DAY} {GOODS} {TERMS} {PORT} CONTRACT {CTR}</Ustrd></RmtInf>", StringComparison.Ordinal);
        // The goods, Incoterms and ports of eval/make-paymenttext.py.
        string[] goods = ["STEEL PIPES AND FITTINGS", "FROZEN FISH FILLETS", "SPARE PARTS FOR PUMPS", "COTTON YARN", "UREA FERTILISER", "OFFICE FURNITURE",
            "PHARMACEUTICAL RAW MATERIALS", "ALUMINIUM INGOTS", "USED TYRES", "CERAMIC TILES", "SOLAR PANELS", "BASMATI RICE", "MOTOR OIL",
            "CONSULTING SERVICES", "SOFTWARE LICENCES", "FREIGHT CHARGES", "CONTAINER DEMURRAGE", "MEDICAL EQUIPMENT", "TEXTILE MACHINERY"];
        string[] ports = ["ROTTERDAM", "HAMBURG", "ANTWERP", "SINGAPORE", "JEBEL ALI", "MUMBAI", "SANTOS", "DURBAN", "PIRAEUS", "GENOA", "VALENCIA", "MERSIN",
            "PORT KLANG", "BUSAN", "SHANGHAI", "FELIXSTOWE", "LE HAVRE", "ALGECIRAS", "COLOMBO", "MOMBASA"];
        string[] terms = ["FOB", "CIF", "CFR", "DAP", "EXW"];
        static string[] Lines(string file) => [.. File.ReadLines(RepositoryFile.Find(Path.Combine("eval", "names", file))).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        var given = Lines("given.txt");
        var family = Lines("family.txt");
        var random = new Random(seed);
        string Person() => $"{given[random.Next(given.Length)]} {family[random.Next(family.Length)]}";
        var result = new List<byte[]>(n);
        for (var i = 0; i < n; i++)
        {
            var text = template.Replace("<MsgId>823823423</MsgId>", $"<MsgId>B{i:D7}</MsgId>", StringComparison.Ordinal)
                .Replace("Lionel Messi", Person(), StringComparison.Ordinal).Replace("Manu Ginobili", Person(), StringComparison.Ordinal)
                .Replace("Jhon Doe", Person(), StringComparison.Ordinal).Replace("Mike Smith", i % 50 == 0 ? "Qassem Soleimani" : Person(), StringComparison.Ordinal)
                .Replace("{INV}", $"{random.Next(100000, 999999)}", StringComparison.Ordinal).Replace("{DAY}", $"{1 + random.Next(28):D2}", StringComparison.Ordinal)
                .Replace("{CTR}", $"C-{random.Next(1000, 9999)}", StringComparison.Ordinal).Replace("{GOODS}", goods[random.Next(goods.Length)], StringComparison.Ordinal)
                .Replace("{TERMS}", terms[random.Next(terms.Length)], StringComparison.Ordinal).Replace("{PORT}", ports[random.Next(ports.Length)], StringComparison.Ordinal);
            result.Add(Encoding.UTF8.GetBytes(text));
        }

        return result;
    }
}

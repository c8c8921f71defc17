using System.Diagnostics;
using System.Text;
using Interdict.Payments.Queue;
using Interdict.Storage.Sqlite;
using RabbitMQ.Client;

namespace Interdict.Cli.Tests;

/// <summary>
/// <c>interdict payment-filter</c> against a real RabbitMQ broker (<c>INTERDICT_TEST_AMQP</c>, which <c>.ci/run</c>
/// starts from Debian's rabbitmq-server), run as child processes: routing with decisions in headers and the audit
/// trail, a filter killed with SIGKILL mid-stream, and two filters sharing one queue.
/// </summary>
public sealed class PaymentFilterTests
{
    private const string Variable = "INTERDICT_TEST_AMQP";

    private static Uri Broker()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } uri)
        {
            // CI (.ci/run) starts RabbitMQ and requires these tests to run.
            Environment.GetEnvironmentVariable("INTERDICT_REQUIRE_AMQP").ShouldNotBe("1", $"{Variable} is not set but INTERDICT_REQUIRE_AMQP=1");
            Assert.Skip($"{Variable} is not set (e.g. amqp://guest:guest@127.0.0.1:5672/): RabbitMQ tests skipped");
            throw new InvalidOperationException();
        }

        return new Uri(uri);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Queue names of one test: every test has its own.
    private sealed record Queues(string In, string Pass, string Hold, string Dead)
    {
        public static Queues New()
        {
            var id = "t" + Guid.NewGuid().ToString("N")[..8];
            return new Queues($"{id}.in", $"{id}.pass", $"{id}.hold", $"{id}.dead");
        }

        public IEnumerable<string> All => [In, Pass, Hold, Dead];
    }

    private sealed record Received(string MessageId, string Decision, string Result, string Filter, long AuditSeq, byte[] Body);

    private static async Task<IConnection> Connect() => await new ConnectionFactory { Uri = Broker() }.CreateConnectionAsync();

    private static async Task Publish(Queues q, IEnumerable<(string Id, byte[] Body)> messages)
    {
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var name in q.All)
        {
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
        }

        var pending = new List<Task>();
        foreach (var (id, body) in messages)
        {
            pending.Add(channel.BasicPublishAsync("", q.In, mandatory: true, new BasicProperties { MessageId = id, Persistent = true }, body).AsTask());
            if (pending.Count == 500)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    // Every message now on a queue, taken off it.
    private static async Task<List<Received>> Drain(string queue)
    {
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        var result = new List<Received>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } m)
        {
            var h = m.BasicProperties.Headers!;
            string Text(string key) => h.TryGetValue(key, out var v) && v is byte[] b ? Encoding.UTF8.GetString(b) : "";
            result.Add(new Received(m.BasicProperties.MessageId!, Text(PaymentFilter.DecisionHeader), Text(PaymentFilter.ResultHeader), Text(PaymentFilter.FilterHeader),
                long.Parse(Text(PaymentFilter.AuditHeader), System.Globalization.CultureInfo.InvariantCulture), m.Body.ToArray()));
        }

        return result;
    }

    private static async Task<uint> Depth(string queue)
    {
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.MessageCountAsync(queue);
    }

    private static async Task Delete(Queues q)
    {
        await using var connection = await Connect();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in q.All)
        {
            await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
        }
    }

    // A filter as a child process, with its own data folder (the bundled lists; its audit trail in home/audit.db).
    private static Process Start(Queues q, string home, string name, int batch = 200, double? idleExit = 4, string lists = "ofac-sdn,un",
        System.Collections.Concurrent.ConcurrentQueue<string>? errors = null, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "interdict.dll"), "payment-filter", "--broker", Broker().ToString(), "--input", q.In, "--pass", q.Pass,
                     "--hold", q.Hold, "--dead-letter", q.Dead, "--lists", lists, "--batch", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), "--name", name, .. extra];
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        if (idleExit is { } idle)
        {
            start.ArgumentList.Add("--idle-exit");
            start.ArgumentList.Add(idle.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        start.Environment["INTERDICT_DATA_DIR"] = home;
        start.Environment["INTERDICT_CONFIG_DIR"] = home;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors?.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Polls until done, failing with what was awaited after the time allowed, or at once if a filter it watches stopped.
    private static async Task Until(Func<Task<bool>> done, string what, TimeSpan within, Process? filter = null, IEnumerable<string>? errors = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            (filter?.HasExited ?? false).ShouldBeFalse($"the filter stopped by itself: {string.Join('\n', errors ?? [])}");
            clock.Elapsed.ShouldBeLessThan(within, what);
            await Task.Delay(50, Token);
        }
    }

    private static async Task Finish(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0);
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(Fixtures.PathOf("payments/" + name));

    // n pacs.008 messages, each with its own MsgId; every third names Qassem Soleimani as creditor (held), the rest are clean.
    private static List<(string Id, byte[] Body)> Stream(int n)
    {
        var clean = Encoding.UTF8.GetString(Fixture("pacs008-clean.xml"));
        var held = Encoding.UTF8.GetString(Fixture("pacs008-soleimani.xml"));
        return [.. Enumerable.Range(0, n).Select(i => ($"m{i:D5}", Encoding.UTF8.GetBytes((i % 3 == 0 ? held : clean).Replace("<MsgId>823823423</MsgId>", $"<MsgId>M{i:D5}</MsgId>", StringComparison.Ordinal))))];
    }

    [Fact]
    public async Task Messages_AreRoutedByDecision_WithHeaders_AndEachDecisionIsInTheAuditTrail()
    {
        var q = Queues.New();
        using var home = new TempFolder();
        try
        {
            var notUtf8 = Encoding.Latin1.GetBytes("{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:REF\r\n:59:/1\r\nMÜLLER\r\n-}");
            await Publish(q, [
                ("soleimani", Fixture("pacs008-soleimani.xml")), ("kataib", Fixture("mt103-kataib.txt")), ("bandar", Fixture("pacs008-bandar-abbas.xml")),
                ("clean-xml", Fixture("pacs008-clean.xml")), ("clean-mt", Fixture("mt103-clean.txt")),
                ("doctype", Fixture("pacs008-doctype.xml")), ("truncated", Fixture("pacs008-truncated.xml")), ("latin1", notUtf8)]);
            await Finish(Start(q, home.Path, "filter-a"));

            var pass = await Drain(q.Pass);
            var hold = await Drain(q.Hold);
            var dead = await Drain(q.Dead);
            pass.Select(m => m.MessageId).Order().ShouldBe(["clean-mt", "clean-xml"]);
            hold.Select(m => m.MessageId).Order().ShouldBe(["bandar", "kataib", "soleimani"]);
            dead.Select(m => m.MessageId).Order().ShouldBe(["doctype", "latin1", "truncated"]);
            (await Depth(q.In)).ShouldBe(0u);

            // The message leaves unchanged, with its decision and why.
            hold.Single(m => m.MessageId == "soleimani").Body.ShouldBe(Fixture("pacs008-soleimani.xml"));
            hold.Single(m => m.MessageId == "soleimani").Result.ShouldContain("ofac-sdn:10481");
            hold.Single(m => m.MessageId == "kataib").Result.ShouldContain("ofac-sdn:11462");
            hold.Single(m => m.MessageId == "bandar").Result.ShouldContain("jurisdiction");
            dead.Single(m => m.MessageId == "doctype").Result.ShouldContain("DOCTYPE", Case.Insensitive);
            dead.Single(m => m.MessageId == "latin1").Result.ShouldContain("not UTF-8");
            dead.ShouldAllBe(m => m.Decision == "rejected" && m.Result.Contains(q.In));
            pass.Concat(hold).Concat(dead).ShouldAllBe(m => m.Filter == "filter-a");

            // Each decision is in the audit trail, under the sequence number its message carries.
            using var audit = SqliteAuditLog.Open(Path.Combine(home.Path, "audit.db"));
            var records = audit.Read().ToDictionary(r => r.Seq);
            foreach (var m in pass.Concat(hold).Concat(dead))
            {
                var record = records[m.AuditSeq];
                record.Entry.Request.ShouldContain($"\"amqp_message_id\":\"{m.MessageId}\"");
                record.Entry.Action.ShouldBe(m.Decision == "rejected" ? "payment-rejected" : "payment");
                record.Entry.Principal.ShouldBe("payment-filter filter-a");
                record.Entry.Result.ShouldContain(m.Decision);
            }
        }
        finally
        {
            await Delete(q);
        }
    }

    [Fact]
    public async Task FilterKilledMidStream_LosesNothing_AndADownstreamDeduplicatingByMessageIdSeesEachMessageOnce()
    {
        var q = Queues.New();
        using var home = new TempFolder();
        try
        {
            var messages = Stream(3000);
            await Publish(q, messages);
            // The first filter runs until it has decided some hundreds, then is killed without warning.
            var first = Start(q, home.Path, "first", batch: 50, idleExit: null);
            await Until(async () => await Depth(q.Pass) + await Depth(q.Hold) >= 600, "the first filter decided nothing", TimeSpan.FromMinutes(3), first);

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Token);
            (await Depth(q.In)).ShouldBeGreaterThan(0u, "the filter was killed after the stream ended: nothing was tested");

            // A second filter takes over what the first left (and what it decided but had not acknowledged).
            await Finish(Start(q, home.Path, "second", batch: 50));
            (await Depth(q.In)).ShouldBe(0u);
            var delivered = (await Drain(q.Pass)).Concat(await Drain(q.Hold)).ToList();

            // Downstream deduplicates by message id: each message exactly once, with the decision its content calls for.
            var once = delivered.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.ToList());
            once.Keys.Order().ShouldBe(messages.Select(m => m.Id).Order());
            foreach (var (id, copies) in once)
            {
                var n = int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                var expected = n % 3 == 0 ? "hold" : "pass";
                var body = messages[n].Body;
                copies.ShouldAllBe(c => c.Decision == expected);
                copies.ShouldAllBe(c => c.Body.SequenceEqual(body));
            }

            // Both filters decided part of the stream; copies beyond one per message are what the first had published but not acknowledged.
            delivered.Select(m => m.Filter).Distinct().Order().ShouldBe(["first", "second"]);
            (delivered.Count - once.Count).ShouldBeLessThanOrEqualTo(2 * 50 * 2);
        }
        finally
        {
            await Delete(q);
        }
    }

    [Fact]
    public async Task TwoFiltersOnOneQueue_ShareTheWork_AndDecideEachMessageOnce()
    {
        var q = Queues.New();
        using var homeA = new TempFolder();
        using var homeB = new TempFolder();
        try
        {
            var messages = Stream(2000);
            // Both filters are up (lists loaded, consuming) before the stream arrives.
            var a = Start(q, homeA.Path, "a", batch: 20, idleExit: 6);
            var b = Start(q, homeB.Path, "b", batch: 20, idleExit: 6);
            await using (var connection = await Connect())
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: Token))
            {
                await channel.QueueDeclareAsync(q.In, durable: true, exclusive: false, autoDelete: false, cancellationToken: Token);
                await Until(async () => await channel.ConsumerCountAsync(q.In, Token) >= 2, "the filters did not start consuming", TimeSpan.FromMinutes(2));
            }

            await Publish(q, messages);
            await Task.WhenAll(Finish(a), Finish(b));
            var delivered = (await Drain(q.Pass)).Concat(await Drain(q.Hold)).ToList();
            delivered.Select(m => m.MessageId).Order().ShouldBe(messages.Select(m => m.Id).Order());
            delivered.Count(m => m.Filter == "a").ShouldBeGreaterThan(0);
            delivered.Count(m => m.Filter == "b").ShouldBeGreaterThan(0);
        }
        finally
        {
            await Delete(q);
        }
    }

    [Fact]
    public async Task ListUpdate_ReachesARunningFilter_AndTheNewDesignationIsHeld()
    {
        var q = Queues.New();
        using var home = new TempFolder();
        var store = Path.Combine(home.Path, "lists.db");
        void Import(string date) => CliRun.Of("lists", "import", SharedData.PathOf($"ofac-sdn/{date}/sdn.csv"), "--source", "ofac-sdn", "--published", date, "--switch", "--force",
            "--store", store).ExitCode.ShouldBe(0);
        // PORKHACHEV, Nikolay Vladimirovich (SDN 47729) was designated on 2024-02-23.
        Import("2024-02-20");
        byte[] Payment(string id) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture("pacs008-clean.xml"))
            .Replace("Mike Smith", "Nikolai Porkhachev", StringComparison.Ordinal).Replace("<MsgId>823823423</MsgId>", $"<MsgId>{id}</MsgId>", StringComparison.Ordinal));
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var filter = Start(q, home.Path, "reload", batch: 1, idleExit: null, lists: "ofac-sdn", errors: errors, "--reload-seconds", "1");
        try
        {
            await Publish(q, [("before", Payment("BEFORE"))]);
            await Until(async () => await Depth(q.Pass) == 1, "the payment before the update was not passed", TimeSpan.FromMinutes(2), filter, errors);

            Import("2024-02-23");
            await Until(() => Task.FromResult(errors.Any(e => e.Contains("lists in force now", StringComparison.Ordinal))), "the filter did not take the new lists", TimeSpan.FromMinutes(2), filter, errors);
            await Publish(q, [("after", Payment("AFTER"))]);
            await Until(async () => await Depth(q.Hold) == 1, "the payment after the update was not held", TimeSpan.FromMinutes(2), filter, errors);

            (await Drain(q.Pass)).ShouldHaveSingleItem().MessageId.ShouldBe("before");
            var held = (await Drain(q.Hold)).ShouldHaveSingleItem();
            held.MessageId.ShouldBe("after");
            held.Result.ShouldContain("ofac-sdn:47729");
        }
        finally
        {
            filter.Kill(entireProcessTree: true);
            await filter.WaitForExitAsync(Token);
            await Delete(q);
        }
    }
}

using System.Text.Json;
using Interdict.Monitoring;

namespace Interdict.Cli.Tests;

/// <summary>
/// Issue #23: a registry monitored across the real OFAC SDN files of 2024-02-20 and 2024-02-23 (553 designations, 8
/// changes). Customers named, in other spellings, like three parties designated on 2024-02-23 (PORKHACHEV, Nikolay
/// Vladimirovich, SDN 47729; LLC APPLICATA, 47532; AO KB NAVIS, 47560), and companies they own 30%, 50% and 60% of
/// (one through an intermediate company, with a cycle), plus an unlisted customer who owns 70% of one of them.
/// </summary>
public sealed class MonitorCommandTests : MonitorCliTests
{
    private string Parties() => Temp.File("parties.csv", """
        id,name,type,dob,country,identifier
        c-1,Nikolai Porkhachev,person,1979-09-27,Russia,
        c-2,Applicata LLC,organization,,RU,
        c-3,Navis KB JSC,organization,,,
        c-4,Vyatka Timber Trading,organization,,RU,
        c-5,Kirov Paper Mill,organization,,RU,
        c-6,Northern Lights Freight,organization,,RU,
        c-7,Taiga Holdings,organization,,RU,
        c-8,Margaret Thornbury,person,1980-02-29,GB,

        """);

    private string Ownership() => Temp.File("ownership.csv", """
        owner_id,owned_id,percent
        c-1,c-4,60
        c-1,c-5,30
        c-2,c-6,50
        c-4,c-7,100
        c-7,c-4,5
        c-8,c-5,70

        """);

    private static List<JsonElement> Alerts(JsonElement report, string property) => [.. report.GetProperty(property).EnumerateArray()];

    [Fact]
    public void DesignationsOfFebruary23_RaiseExactlyTheNameAndOwnershipAlerts_ThenCloseThemWhenDelisted()
    {
        ImportSdn("2024-02-20");
        var import = Run("monitor", "import", Parties(), "--ownership", Ownership());
        import.ExitCode.ShouldBe(0, import.Error);
        import.Output.ShouldContain("8 added, 0 changed, 0 unchanged; 6 ownership links");

        var first = RunJson("monitor", "run", "--lists", "ofac-sdn");
        first.ExitCode.ShouldBe(0, first.Error);
        var firstReport = JsonDocument.Parse(first.Output).RootElement;
        firstReport.GetProperty("first_run").GetBoolean().ShouldBeTrue();
        Alerts(firstReport, "opened").ShouldBeEmpty();

        ImportSdn("2024-02-23");
        var second = RunJson("monitor", "run", "--lists", "ofac-sdn");
        second.ExitCode.ShouldBe(1, second.Error); // alerts raised
        var report = JsonDocument.Parse(second.Output).RootElement;
        report.GetProperty("entities_added").GetInt32().ShouldBe(553);
        report.GetProperty("entities_changed").GetInt32().ShouldBe(8);
        report.GetProperty("parties_screened_against_changes").GetInt32().ShouldBe(8);
        report.GetProperty("parties_screened_in_full").GetInt32().ShouldBe(0);
        var opened = Alerts(report, "opened").Select(a => (
            Party: a.GetProperty("party_id").GetString(), Kind: a.GetProperty("kind").GetString(), Priority: a.GetProperty("priority").GetString(),
            Entities: string.Join(",", a.GetProperty("entity_ids").EnumerateArray().Select(e => e.GetString())), Reason: a.GetProperty("reason").GetString(),
            Score: a.GetProperty("score").GetDouble())).ToList();
        opened.Select(a => (a.Party, a.Kind, a.Priority, a.Entities, a.Reason)).ShouldBe([
            ("c-1", "name", "high", "ofac-sdn:47729", "new designation"),
            ("c-2", "name", "high", "ofac-sdn:47532", "new designation"),
            ("c-3", "name", "high", "ofac-sdn:47560", "new designation"),
            ("c-4", "ownership", "high", "c-1", "ownership"),
            ("c-5", "ownership", "low", "c-1", "ownership"),
            ("c-6", "ownership", "high", "c-2", "ownership"),
            ("c-7", "ownership", "high", "c-1", "ownership"),
        ], ignoreOrder: true);
        opened.Single(a => a.Party == "c-7").Score.ShouldBe(0.6);
        opened.Single(a => a.Party == "c-5").Score.ShouldBe(0.3); // c-8 owns 70% but is not listed
        var taiga = Alerts(report, "opened").Single(a => a.GetProperty("party_id").GetString() == "c-7");
        JsonDocument.Parse(taiga.GetProperty("details").GetString()!).RootElement.GetProperty("paths")[0].GetString()
            .ShouldBe("c-1 (Nikolai Porkhachev) -> 60% c-4 (Vyatka Timber Trading) -> 100% c-7 (Taiga Holdings) = 60%");

        // Nothing changed: nothing new, nothing raised twice.
        var third = JsonDocument.Parse(RunJson("monitor", "run", "--lists", "ofac-sdn").Output).RootElement;
        Alerts(third, "opened").ShouldBeEmpty();
        Alerts(third, "closed").ShouldBeEmpty();
        JsonDocument.Parse(RunJson("monitor", "alerts").Output).RootElement.GetArrayLength().ShouldBe(7);

        // The 2024-02-20 list put back in force: the three are no longer listed; their alerts and the ownership alerts close.
        ImportSdn("2024-02-20");
        var back = JsonDocument.Parse(RunJson("monitor", "run", "--lists", "ofac-sdn").Output).RootElement;
        Alerts(back, "closed").Count.ShouldBe(7);
        Alerts(back, "closed").Where(a => a.GetProperty("kind").GetString() == "name")
            .ShouldAllBe(a => a.GetProperty("close_reason").GetString() == "the listed party was removed from its list");
        JsonDocument.Parse(RunJson("monitor", "alerts").Output).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void ChangedCustomer_IsScreenedAgainstEverything_AndRemovedOnesCloseTheirAlerts()
    {
        ImportSdn("2024-02-23");
        Temp.File("one.csv", "id,name,type\nc-1,Margaret Thornbury,person\n");
        Run("monitor", "import", Temp.File("one.csv")).ExitCode.ShouldBe(0);
        Alerts(JsonDocument.Parse(RunJson("monitor", "run", "--lists", "ofac-sdn").Output).RootElement, "opened").ShouldBeEmpty();

        // The customer's name changes to a listed one: screened in full, with the reason.
        Temp.File("one.csv", "id,name,type,dob\nc-1,Nikolay Porkhachev,person,1979\n");
        Run("monitor", "import", Temp.File("one.csv")).Output.ShouldContain("0 added, 1 changed, 0 unchanged");
        var changed = JsonDocument.Parse(RunJson("monitor", "run", "--lists", "ofac-sdn").Output).RootElement;
        changed.GetProperty("parties_screened_in_full").GetInt32().ShouldBe(1);
        var alert = Alerts(changed, "opened").ShouldHaveSingleItem();
        alert.GetProperty("reason").GetString().ShouldBe("customer changed");
        alert.GetProperty("entity_ids")[0].GetString().ShouldBe("ofac-sdn:47729");

        Run("monitor", "remove", "c-1").ExitCode.ShouldBe(0);
        JsonDocument.Parse(RunJson("monitor", "alerts").Output).RootElement.GetArrayLength().ShouldBe(0);
        Run("monitor", "remove", "c-404").Error.ShouldContain("not in the registry: c-404");
    }

    [Fact]
    public void Import_BadRows_AreAllNamedAndNothingIsStored()
    {
        var parties = Temp.File("bad.csv", "id,name,type\nc-1,Good Name,person\nc-2,,person\nc-1,Again,person\n");
        var links = Temp.File("bad-links.csv", "owner_id,owned_id,percent\nc-1,c-9,50\nc-1,c-1,10\nc-1,c-2,150\n");
        var run = Run("monitor", "import", parties, "--ownership", links);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{parties}, line 3: party 'c-2' has no name");
        run.Error.ShouldContain($"{parties}, line 4: id 'c-1' is given again (first on line 2)");
        run.Error.ShouldContain("nothing was imported");

        var good = Temp.File("good.csv", "id,name\nc-1,Good Name\nc-2,Other Name\n");
        var linkRun = Run("monitor", "import", good, "--ownership", links);
        linkRun.Error.ShouldContain($"{links}, line 2: 'c-9' is not a party of the registry or of this import");
        linkRun.Error.ShouldContain($"{links}, line 3: 'c-1' cannot own itself");
        linkRun.Error.ShouldContain($"{links}, line 4: percent '150' is not a number from 0 to 100");
        JsonDocument.Parse(RunJson("monitor", "alerts").Output).RootElement.GetArrayLength().ShouldBe(0);
        using var store = MonitorStore.Open(Temp.File("monitor.db"));
        store.Parties().ShouldBeEmpty();
    }
}

/// <summary>The 50% rule's arithmetic: shares multiplied along a chain and added across owners, cycles cut, no double counting.</summary>
public sealed class OwnershipTests
{
    [Fact]
    public void Shares_MultiplyAlongChains_AddAcrossOwners_CutCycles()
    {
        OwnershipLink[] links =
        [
            new("L1", "A", 30), new("L2", "A", 25), // two listed owners: 55%
            new("L1", "B", 80), new("B", "C", 50),  // a chain: 40%
            new("C", "B", 10),                      // a cycle back
            new("L2", "C", 20),                     // and another owner of C: 40% + 20% = 60%
            new("U", "D", 90),                      // an unlisted owner: nothing
        ];
        var shares = Ownership.Shares(links, new HashSet<string> { "L1", "L2" }).ToDictionary(s => s.PartyId);
        shares["A"].Percent.ShouldBe(55, 1e-9);
        shares["B"].Percent.ShouldBe(82, 1e-9); // 80% from L1, and L2's 20% of C's 10%
        shares["C"].Percent.ShouldBe(60, 1e-9);
        shares["C"].Paths.Select(p => string.Join(">", p.Parties)).ShouldBe(["L1>B>C", "L2>C"], ignoreOrder: true);
        shares.ShouldNotContainKey("D");
    }

    [Fact]
    public void Shares_StopAtAListedIntermediate_SoNothingIsCountedTwice()
    {
        // L1 owns 60% of L2 (itself listed), which owns 100% of X: X is L2's, counted once (100%), not 160%.
        var shares = Ownership.Shares([new("L1", "L2", 60), new("L2", "X", 100)], new HashSet<string> { "L1", "L2" });
        shares.ShouldHaveSingleItem().Percent.ShouldBe(100);
    }
}

/// <summary>Webhooks: each new alert posted signed, retried with backoff while the receiver is down, delivered once it is up.</summary>
public sealed class WebhookTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task NewAlert_IsPostedSigned_RetriedWhileTheReceiverIsDown_AndDeliveredOnce()
    {
        using var store = MonitorStore.Open(_temp.File("monitor.db"));
        store.Import([new Party("c-1", "Nikolai Porkhachev")], null);
        store.Record(DateTimeOffset.UnixEpoch, new Dictionary<string, string> { ["ofac-sdn"] = "v2" }, store.PartySeq, "{}", _ => new RunWrites(
            [new AlertWrite("c-1", "Nikolai Porkhachev", "ofac-sdn:47729", "name", "high", ["ofac-sdn:47729"], 0.94, "new designation", "{}")], []));

        using var receiver = new LoopbackServer();
        receiver.Files["hook"] = new Reply([], Status: 503);
        var target = new WebhookTarget(new Uri(receiver.BaseUrl, "hook"), "a-shared-secret-of-some-length");
        var time = new ManualTime(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient();
        var sender = new WebhookSender(store, http, time);

        (await sender.DeliverDueAsync([target], TestContext.Current.CancellationToken)).ShouldBe(0);
        (await sender.DeliverDueAsync([target], TestContext.Current.CancellationToken)).ShouldBe(0); // not due again yet
        receiver.Received.Count.ShouldBe(1);
        store.Deliveries().ShouldHaveSingleItem().Attempts.ShouldBe(1);

        receiver.Files["hook"] = new Reply([]);
        time.Now += TimeSpan.FromSeconds(6);
        (await sender.DeliverDueAsync([target], TestContext.Current.CancellationToken)).ShouldBe(1);
        (await sender.DeliverDueAsync([target], TestContext.Current.CancellationToken)).ShouldBe(0);
        store.Deliveries().ShouldHaveSingleItem().Delivered.ShouldBeTrue();

        var posts = receiver.Received.ToList();
        posts.Count.ShouldBe(2);
        posts.Select(p => p.Headers["X-Interdict-Delivery"]).Distinct().ShouldHaveSingleItem(); // the same message, for deduplication
        var last = posts[^1];
        var t = long.Parse(last.Headers["X-Interdict-Signature"].Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        last.Headers["X-Interdict-Signature"].ShouldBe(WebhookSender.Sign("a-shared-secret-of-some-length", t, last.Body));
        using var body = System.Text.Json.JsonDocument.Parse(last.Body);
        body.RootElement.GetProperty("event").GetString().ShouldBe("alert.opened");
        body.RootElement.GetProperty("alert").GetProperty("entity_ids")[0].GetString().ShouldBe("ofac-sdn:47729");
    }
}

/// <summary>Four eyes in the CLI: the proposer cannot approve; another person's approval puts the decision in force.</summary>
public sealed class MonitorDecisionCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private CliRun Run(params string[] args) => CliRun.Of([.. args, "--registry", _temp.File("monitor.db")]);

    [Fact]
    public void Decide_ThenApproveBySomeoneElse_ClosesTheAlertAsAFalsePositive()
    {
        using (var store = MonitorStore.Open(_temp.File("monitor.db")))
        {
            store.Import([new Party("c-1", "Nikolai Porkhachev")], null);
            store.Record(DateTimeOffset.UnixEpoch, new Dictionary<string, string>(), store.PartySeq, "{}", _ => new RunWrites(
                [new AlertWrite("c-1", "Nikolai Porkhachev", "ofac-sdn:47729", "name", "high", ["ofac-sdn:47729"], 0.94, "new designation", "{}")], []));
        }

        Run("monitor", "decide", "1", "--decision", "false_positive", "--reason", "born 1961", "--by", "alice").ExitCode.ShouldBe(0);
        var self = Run("monitor", "approve", "1", "--by", "alice");
        self.ExitCode.ShouldBe(2);
        self.Error.ShouldContain("four eyes: alice proposed this decision and cannot also approve it");
        Run("monitor", "approve", "1", "--by", "bob").Output.ShouldContain("false_positive approved by bob");

        using var after = MonitorStore.Open(_temp.File("monitor.db"));
        after.Alerts(all: true).Single().Status.ShouldBe("closed");
        after.HistoryOf(1).Select(s => (s.Step, s.By)).ShouldBe([("proposed", "alice"), ("approved", "bob")]);
    }
}

/// <summary><c>monitor run</c> posts new alerts to <c>Monitoring:Webhooks</c> as the server does (issue #23).</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class MonitorWebhookCommandTests : MonitorCliTests
{
    [Fact]
    public void MonitorRun_PostsNewAlertsToTheConfiguredWebhook_Signed()
    {
        ImportSdn("2024-02-23");
        Temp.File("one.csv", "id,name,type,dob\nc-1,Nikolai Porkhachev,person,1979\n");
        Run("monitor", "import", Temp.File("one.csv")).ExitCode.ShouldBe(0);
        using var receiver = new LoopbackServer();
        receiver.Files["hook"] = new Reply([]);
        const string Secret = "cli-webhook-secret-0123456789";
        // Process-wide settings: this collection runs alone (no other test reads the settings meanwhile).
        Environment.SetEnvironmentVariable("INTERDICT__Monitoring__Webhooks__0__Url", new Uri(receiver.BaseUrl, "hook").ToString());
        Environment.SetEnvironmentVariable("INTERDICT__Monitoring__Webhooks__0__Secret", Secret);
        try
        {
            var run = RunJson("monitor", "run", "--lists", "ofac-sdn");
            run.Error.ShouldContain("webhooks: 1 delivered");
            var post = receiver.Received.ShouldHaveSingleItem();
            var t = long.Parse(post.Headers["X-Interdict-Signature"].Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
            post.Headers["X-Interdict-Signature"].ShouldBe(WebhookSender.Sign(Secret, t, post.Body));
            using var body = JsonDocument.Parse(post.Body);
            body.RootElement.GetProperty("alert").GetProperty("entity_ids")[0].GetString().ShouldBe("ofac-sdn:47729");

            // Delivered once: the next run posts nothing again.
            RunJson("monitor", "run", "--lists", "ofac-sdn").Error.ShouldContain("webhooks: 0 delivered");
            receiver.Received.Count.ShouldBe(1);
        }
        finally
        {
            Environment.SetEnvironmentVariable("INTERDICT__Monitoring__Webhooks__0__Url", null);
            Environment.SetEnvironmentVariable("INTERDICT__Monitoring__Webhooks__0__Secret", null);
        }
    }
}

/// <summary>Tests that set process-wide environment variables: run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}

/// <summary>The CLI run against one temporary folder's list store and monitoring registry.</summary>
public abstract class MonitorCliTests : IDisposable
{
    protected TempFolder Temp { get; } = new();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected CliRun Run(params string[] args) =>
        CliRun.Of([.. args, "--store", Temp.File("lists.db"), .. args[0] == "monitor" ? ["--registry", Temp.File("monitor.db")] : Array.Empty<string>()]);

    private protected CliRun RunJson(params string[] args) => Run([.. args, "--format", "json"]);

    protected void ImportSdn(string date) =>
        Run("lists", "import", SharedData.PathOf($"ofac-sdn/{date}/sdn.csv"), "--source", "ofac-sdn", "--published", date, "--switch", "--force").ExitCode.ShouldBe(0);
}

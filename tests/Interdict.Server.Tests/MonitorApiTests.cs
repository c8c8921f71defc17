using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interdict.Monitoring;

namespace Interdict.Server.Tests;

/// <summary>The server with the SDN list of 2024-02-20 in its store, a monitoring registry and a webhook receiver on loopback.</summary>
public sealed class MonitorServerFactory : ServerFactory
{
    public LoopbackServer Receiver { get; } = new();

    public MonitorServerFactory()
    {
        Receiver.Files["hook"] = new Reply([]);
        Import("2024-02-20");
    }

    public void Import(string date)
    {
        using var store = Storage.Sqlite.SqliteListStore.Open(StorePath);
        var file = new Core.Model.ListFileContent("sdn.csv", File.ReadAllBytes(SharedData.PathOf($"ofac-sdn/{date}/sdn.csv")));
        new Lists.Store.ListLibrary(store).Import("ofac-sdn", [file], date, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), makeCurrent: true, evenIfOlder: true);
    }

    public override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Screening:Lists"] = "ofac-sdn",
        ["Monitor:Path"] = Path.Combine(Folder, "monitor.db"),
        ["Monitoring:IntervalSeconds"] = "0",
        ["Monitoring:Webhooks:0:Url"] = new Uri(Receiver.BaseUrl, "hook").ToString(),
        ["Monitoring:Webhooks:0:Secret"] = "a-shared-secret-of-some-length",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Receiver.Dispose();
    }
}

/// <summary>Issue #23 through the server: the registry over HTTP; a list refresh triggers a run; each new alert reaches the webhook, signed.</summary>
public sealed class MonitorApiTests(MonitorServerFactory server) : IClassFixture<MonitorServerFactory>
{
    [Fact]
    public async Task ListRefresh_RunsMonitoring_AndEachNewAlertReachesTheWebhookSigned()
    {
        var client = server.CreateClient();
        var token = TestContext.Current.CancellationToken;
        var import = await client.PostAsJsonAsync("/v1/monitor/parties", new
        {
            parties = new object[]
            {
                new { id = "c-1", name = "Nikolai Porkhachev", type = "person", dob = "1979-09-27" },
                new { id = "c-4", name = "Vyatka Timber Trading", type = "organization" },
            },
            ownership = new object[] { new { owner_id = "c-1", owned_id = "c-4", percent = "60" } },
        }, token);
        import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync(token));
        (await import.Json()).GetProperty("added").GetInt32().ShouldBe(2);

        var bad = await client.PostAsJsonAsync("/v1/monitor/parties", new { parties = new object[] { new { id = "c-9" } }, ownership = new object[] { new { owner_id = "c-9", owned_id = "x", percent = "200" } } }, token);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Json()).GetProperty("detail").GetString()!.ShouldContain("parties[0]: party 'c-9' has no name");

        var first = await (await client.PostAsync(new Uri("/v1/monitor/run", UriKind.Relative), null, token)).Json();
        first.GetProperty("opened").GetArrayLength().ShouldBe(0);

        // New designations arrive: the server's reload puts them in force, and monitoring runs by itself.
        server.Import("2024-02-23");
        (await client.PostAsync(new Uri("/v1/admin/reload", UriKind.Relative), null, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        List<JsonElement> alerts = [];
        for (var i = 0; i < 120 && alerts.Count < 2; i++)
        {
            await Task.Delay(250, token);
            alerts = [.. (await (await client.Get("/v1/monitor/alerts")).Json()).EnumerateArray()];
        }

        alerts.Select(a => (a.GetProperty("party_id").GetString(), a.GetProperty("kind").GetString())).ShouldBe([("c-1", "name"), ("c-4", "ownership")], ignoreOrder: true);

        for (var i = 0; i < 120 && server.Receiver.Received.Count < 2; i++)
        {
            await Task.Delay(250, token);
        }

        var posts = server.Receiver.Received.ToList();
        posts.Count.ShouldBe(2);
        foreach (var post in posts)
        {
            var t = long.Parse(post.Headers["X-Interdict-Signature"].Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
            post.Headers["X-Interdict-Signature"].ShouldBe(WebhookSender.Sign("a-shared-secret-of-some-length", t, post.Body));
        }

        posts.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("alert").GetProperty("party_id").GetString()).ShouldBe(["c-1", "c-4"], ignoreOrder: true);
    }
}

/// <summary>The server with an analyst key, a supervisor key and a registry holding two open alerts.</summary>
public sealed class FourEyesServerFactory : ServerFactory
{
    public const string AnalystKey = "idk_test-analyst-key-000000000000000000000000";
    public const string SupervisorKey = "idk_test-supervisor-key-000000000000000000000";

    public FourEyesServerFactory()
    {
        using var store = MonitorStore.Open(Path.Combine(Folder, "monitor.db"));
        store.Import([new Party("c-1", "Nikolai Porkhachev"), new Party("c-2", "Applicata LLC")], null);
        store.Record(DateTimeOffset.UnixEpoch, new Dictionary<string, string>(), store.PartySeq, "{}", _ => new RunWrites(
        [
            new AlertWrite("c-1", "Nikolai Porkhachev", "ofac-sdn:47729", "name", "high", ["ofac-sdn:47729"], 0.94, "new designation", "{}"),
            new AlertWrite("c-2", "Applicata LLC", "ofac-sdn:47532", "name", "high", ["ofac-sdn:47532"], 1.0, "new designation", "{}"),
        ], []));
    }

    public override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Monitor:Path"] = Path.Combine(Folder, "monitor.db"),
        ["Monitoring:IntervalSeconds"] = "0",
        ["Auth:Keys:0:Name"] = "analyst-anna",
        ["Auth:Keys:0:Hash"] = Security.ApiKey.HashOf(AnalystKey),
        ["Auth:Keys:0:Scopes:0"] = "screen",
        ["Auth:Keys:0:Scopes:1"] = "review",
        ["Auth:Keys:1:Name"] = "supervisor-sam",
        ["Auth:Keys:1:Hash"] = Security.ApiKey.HashOf(SupervisorKey),
        ["Auth:Keys:1:Scopes:0"] = "screen",
        ["Auth:Keys:1:Scopes:1"] = "review",
        ["Auth:Keys:1:Role"] = "supervisor",
    };
}

/// <summary>Four eyes on monitoring alerts: one person proposes, a different supervisor approves; both steps in the history and the audit chain.</summary>
public sealed class FourEyesTests(FourEyesServerFactory server) : IClassFixture<FourEyesServerFactory>
{
    private async Task<HttpResponseMessage> Post(string key, string url, object body)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Decision_TakesEffectOnlyWhenADifferentSupervisorApprovesIt()
    {
        const string analyst = FourEyesServerFactory.AnalystKey, supervisor = FourEyesServerFactory.SupervisorKey;
        (await Post(supervisor, "/v1/monitor/alerts/1/approve", new { approve = true })).StatusCode.ShouldBe(HttpStatusCode.Conflict); // nothing proposed
        (await Post(analyst, "/v1/monitor/alerts/1/propose", new { decision = "false_positive", reason = "different date of birth: 1961, not 1979" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(analyst, "/v1/monitor/alerts/1/approve", new { approve = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // not a supervisor

        // A supervisor cannot approve what they proposed themselves.
        (await Post(supervisor, "/v1/monitor/alerts/2/propose", new { decision = "false_positive", reason = "another company" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var own = await Post(supervisor, "/v1/monitor/alerts/2/approve", new { approve = true });
        own.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await own.Json()).GetProperty("detail").GetString()!.ShouldContain("four eyes");

        var approved = await Post(supervisor, "/v1/monitor/alerts/1/approve", new { approve = true, reason = "checked the passport copy" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = (await approved.Json()).EnumerateArray().Select(s => (s.GetProperty("step").GetString(), s.GetProperty("by").GetString())).ToList();
        history.ShouldBe([("proposed", "analyst-anna"), ("approved", "supervisor-sam")]);

        var reader = server.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", analyst);
        var all = (await (await reader.GetAsync(new Uri("/v1/monitor/alerts?all=true", UriKind.Relative), TestContext.Current.CancellationToken)).Json()).EnumerateArray().ToList();
        var first = all.Single(a => a.GetProperty("id").GetInt64() == 1);
        first.GetProperty("status").GetString().ShouldBe("closed");
        first.GetProperty("close_reason").GetString()!.ShouldContain("proposed by analyst-anna, approved by supervisor-sam");
        all.Single(a => a.GetProperty("id").GetInt64() == 2).GetProperty("status").GetString().ShouldBe("open");

        // Both steps are in the audit chain, under the identities of the keys.
        using var log = Storage.Sqlite.SqliteAuditLog.Open(server.AuditPath);
        var steps = log.Read().Where(r => r.Entry.Action.StartsWith("monitor-", StringComparison.Ordinal)).Select(r => (r.Entry.Action, r.Entry.Principal)).ToList();
        steps.ShouldContain(("monitor-propose", "analyst-anna"));
        steps.ShouldContain(("monitor-approve", "supervisor-sam"));
    }
}

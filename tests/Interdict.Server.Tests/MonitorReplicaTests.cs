using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interdict.Lists.Bundled;
using Interdict.Lists.Store;
using Interdict.Monitoring;
using Interdict.Storage.Postgres;

namespace Interdict.Server.Tests;

/// <summary>
/// Issue #23, several replicas: two <c>interdict serve</c> processes on one PostgreSQL database, each running monitoring
/// every second and after every list change, share the registry and the webhook outbox. When the UN list of 2026-02-27
/// replaces that of 2025-11-20 (SDi.008 ABDUL RAHIM HAMDAN newly designated), the alerts on the customer named like him
/// and the companies he owns are raised once, and the webhook receiver gets each once.
/// </summary>
public sealed class MonitorReplicaTests : IDisposable
{
    private const string Secret = "replica-webhook-secret-0123";

    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();
    private readonly LoopbackServer _receiver = new();

    [Fact]
    public async Task TwoServerProcesses_RaiseAndPostEachAlertOnce()
    {
        var token = TestContext.Current.CancellationToken;
        _receiver.Files["hook"] = new Reply([]);
        Import([new("consolidated.xml", Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"))]);
        var environment = new Dictionary<string, string>
        {
            ["INTERDICT__Storage__Postgres"] = _database.ConnectionString,
            ["INTERDICT__Screening__Lists"] = "un",
            ["INTERDICT__Monitoring__IntervalSeconds"] = "1",
            ["INTERDICT__Monitoring__Webhooks__0__Url"] = new Uri(_receiver.BaseUrl, "hook").ToString(),
            ["INTERDICT__Monitoring__Webhooks__0__Secret"] = Secret,
        };
        var servers = new[] { ServerProcess.Start("a", environment), ServerProcess.Start("b", environment) };
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            foreach (var (_, url, process) in servers)
            {
                await ServerProcess.WaitUntilHealthy(http, url, process, token);
            }

            var (a, b) = (servers[0].Url, servers[1].Url);
            var import = await http.PostAsJsonAsync(new Uri(a + "/v1/monitor/parties"), new
            {
                parties = new object[]
                {
                    new { id = "c-1", name = "Abdul-Rahim Hamdan", type = "person" },
                    new { id = "c-2", name = "Darfur Gold Trading", type = "organization" },
                    new { id = "c-3", name = "Nile Logistics", type = "organization" },
                },
                ownership = new object[] { new { owner_id = "c-1", owned_id = "c-2", percent = "60" }, new { owner_id = "c-2", owned_id = "c-3", percent = "50" } },
            }, token);
            import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync(token));

            // Both screen the registry against November (whichever runs first screens it; the other finds it done).
            foreach (var url in new[] { a, b })
            {
                (await Post(http, url + "/v1/monitor/run")).GetProperty("opened").GetArrayLength().ShouldBe(0);
            }

            // February goes in force; both replicas reload and run at once (and again every second).
            Import([.. BundledLists.Files("un").Select(f => f with { PublicationDate = null })]);
            await Task.WhenAll(Post(http, a + "/v1/admin/reload"), Post(http, b + "/v1/admin/reload"));
            for (var i = 0; i < 240 && _receiver.Received.Count < 3; i++)
            {
                await Task.Delay(250, token);
            }

            // Give both every chance to raise or post again: a run and a delivery pass on each, at once, then a few scheduled ones.
            var again = await Task.WhenAll(Post(http, a + "/v1/monitor/run"), Post(http, b + "/v1/monitor/run"));
            again.ShouldAllBe(r => r.GetProperty("opened").GetArrayLength() == 0);
            await Task.Delay(3000, token);

            var alerts = (await (await http.GetAsync(new Uri(b + "/v1/monitor/alerts"), token)).Content.ReadFromJsonAsync<JsonElement>(token)).EnumerateArray().ToList();
            alerts.Select(x => (x.GetProperty("party_id").GetString(), x.GetProperty("kind").GetString())).ShouldBe([("c-1", "name"), ("c-2", "ownership"), ("c-3", "ownership")], ignoreOrder: true);
            alerts.Single(x => x.GetProperty("kind").GetString() == "name").GetProperty("entity_ids")[0].GetString().ShouldBe("un:SDi.008");

            var posts = _receiver.Received.ToList();
            posts.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("alert").GetProperty("party_id").GetString()).ShouldBe(["c-1", "c-2", "c-3"], ignoreOrder: true);
            posts.Select(p => p.Headers["X-Interdict-Delivery"]).Distinct().Count().ShouldBe(3);
            foreach (var post in posts)
            {
                var t = long.Parse(post.Headers["X-Interdict-Signature"].Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
                post.Headers["X-Interdict-Signature"].ShouldBe(WebhookSender.Sign(Secret, t, post.Body));
            }

            using var registry = MonitorStore.OpenPostgres(_database.ConnectionString);
            registry.Alerts(all: true).Count.ShouldBe(3);
            registry.Deliveries().Count.ShouldBe(3);
        }
        finally
        {
            foreach (var (_, _, process) in servers)
            {
                await ServerProcess.Stop(process);
            }
        }
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _database.Dispose();
    }

    private static async Task<JsonElement> Post(HttpClient http, string url)
    {
        var response = await http.PostAsync(new Uri(url), null, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private void Import(IReadOnlyList<Core.Model.ListFileContent> files)
    {
        using var store = PostgresListStore.Open(_database.ConnectionString);
        new ListLibrary(store).Import("un", files, "test", null, makeCurrent: true, evenIfOlder: true);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interdict.Core.Model;
using Interdict.Lists.Bundled;
using Interdict.Lists.Store;
using Interdict.Storage.Postgres;

namespace Interdict.Server.Tests;

/// <summary>
/// Two server replicas on one PostgreSQL database (<c>Storage:Postgres</c>) share the list versions, the alert queue
/// and the audit trail: a version imported once is screened by both; an alert raised through one is decided through the
/// other, and the decision holds for both. Uses un:SOi.022 (ABDULLAHI OSMAN MOHAMED CADDOW), whose record changed
/// between the UN lists of 2025-11-20 and 2026-02-27.
/// </summary>
public sealed class SharedPostgresTests : IDisposable
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();

    [Fact]
    public async Task TwoReplicas_ShareListVersionsAlertsAndDecisions()
    {
        var november = Import([new ListFileContent("consolidated.xml", Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"))]);
        using var a = new PostgresServerFactory(_database.ConnectionString);
        using var b = new PostgresServerFactory(_database.ConnectionString);
        var (clientA, clientB) = (a.CreateClient(), b.CreateClient());
        var token = TestContext.Current.CancellationToken;

        // Both replicas screen against the version stored in PostgreSQL, not their bundled snapshot.
        foreach (var client in new[] { clientA, clientB })
        {
            var un = (await (await client.Get("/v1/lists")).Json()).GetProperty("lists").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "un");
            (un.GetProperty("version").GetString(), un.GetProperty("publication_date").GetString()).ShouldBe(($"v{november}", "2025-11-20"));
            var health = await (await client.Get("/health")).Json();
            health.GetProperty("store").GetProperty("reachable").GetBoolean().ShouldBeTrue();
            health.ToString().ShouldNotContain("postgresql://"); // the open health answer names no database (issue #19)
        }

        // An alert raised through A is in B's queue; B's decision suppresses it in A's next batch.
        var batch = new { parties = new[] { new { id = "cust-42", name = "Abdullahi Osman Mohamed Caddow" } }, lists = new[] { "un" } };
        var raised = Alert(await (await clientA.PostAsJsonAsync("/v1/batches", batch, token)).Json());
        raised.GetProperty("status").GetString().ShouldBe("open");
        var id = raised.GetProperty("id").GetInt64();
        (await (await clientB.Get("/v1/alerts")).Json()).EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ShouldContain(id);
        (await clientB.PostAsJsonAsync($"/v1/alerts/{id}/decision", new { decision = "false_positive", reason = "different person: born 1990 in Tunis" }, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clientA.PostAsJsonAsync($"/v1/alerts/{id}/decision", new { decision = "true_match", reason = "second opinion" }, token)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Alert(await (await clientA.PostAsJsonAsync("/v1/batches", batch, token)).Json()).GetProperty("status").GetString().ShouldBe("suppressed");

        // A newer version imported once (by the CLI, say) reaches a replica on reload; the changed record's alert comes back.
        var february = Import(BundledLists.Files("un"));
        await clientB.PostAsync(new Uri("/v1/admin/reload", UriKind.Relative), null, token);
        var back = Alert(await (await clientB.PostAsJsonAsync("/v1/batches", batch, token)).Json());
        (back.GetProperty("status").GetString(), back.GetProperty("changed").GetBoolean()).ShouldBe(("open", true));
        var versions = await (await clientA.Get("/v1/lists/un/versions")).Json();
        versions.ToString().ShouldContain($"v{february}");

        // One audit chain for both replicas: three batches and the one decision taken (the refused one is not recorded).
        using var audit = PostgresAuditLog.Open(_database.ConnectionString);
        var records = audit.Read().ToList();
        records.Count(r => r.Entry.Action == "decision").ShouldBe(1);
        records.Count(r => r.Entry.Action == "batch").ShouldBe(3);
        Core.Audit.AuditChain.Verify(records, audit.Head()).Intact.ShouldBeTrue();
    }

    public void Dispose() => _database.Dispose();

    private static JsonElement Alert(JsonElement batch) =>
        batch.GetProperty("alerts").EnumerateArray().Single(x => x.GetProperty("entity_id").GetString() == "un:SOi.022");

    private long Import(IReadOnlyList<ListFileContent> files)
    {
        using var store = PostgresListStore.Open(_database.ConnectionString);
        return new ListLibrary(store).Import("un", files, "test", null, makeCurrent: true, evenIfOlder: true).Result.Version.Id;
    }

    private sealed class PostgresServerFactory(string connectionString) : ServerFactory
    {
        public override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Storage:Postgres"] = connectionString };
    }
}

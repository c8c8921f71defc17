using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Interdict.Core.Model;
using Interdict.Lists.Bundled;
using Interdict.Lists.Store;
using Interdict.Storage.Sqlite;

namespace Interdict.Server.Tests;

/// <summary>
/// Batch screening raises alerts; a false-positive decision suppresses the same (customer, entity) alert in later
/// batches until the entity's record changes in a newer list version, when it comes back flagged as changed.
/// Starts on the UN list of 2025-11-20 in the store, then moves to the bundled one of 2026-02-27, in which the record of
/// un:SOi.022 (ABDULLAHI OSMAN MOHAMED CADDOW) lost its INTERPOL notice remark.
/// </summary>
public sealed class AlertTests : IDisposable
{
    private readonly ServerFactory _server = new();

    [Fact]
    public async Task FalsePositive_SuppressesUntilTheRecordChanges()
    {
        Import([new ListFileContent("consolidated.xml", Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"))]);
        var client = _server.CreateClient();
        var token = TestContext.Current.CancellationToken;
        var batch = new { parties = new[] { new { id = "cust-42", name = "Abdullahi Osman Mohamed Caddow" }, new { id = "cust-43", name = "John Smith" } }, lists = new[] { "un" } };

        // 1. The first batch raises an open alert for the UN record.
        var first = await (await client.PostAsJsonAsync("/v1/batches", batch, token)).Json();
        var alert = Alerts(first).Single(a => a.GetProperty("entity_id").GetString() == "un:SOi.022");
        alert.GetProperty("status").GetString().ShouldBe("open");
        alert.GetProperty("customer_id").GetString().ShouldBe("cust-42");
        alert.GetProperty("customer_name").GetString().ShouldBe("Abdullahi Osman Mohamed Caddow");
        var id = alert.GetProperty("id").GetInt64();
        (await (await client.Get("/v1/alerts")).Json()).EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ShouldContain(id);

        // A decision needs a reason.
        var noReason = await client.PostAsJsonAsync($"/v1/alerts/{id}/decision", new { decision = "false_positive" }, token);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Json()).GetProperty("field").GetString().ShouldBe("reason");

        // 2. The analyst marks it a false positive; the decision is in the audit trail.
        var decided = await client.PostAsJsonAsync($"/v1/alerts/{id}/decision", new { decision = "false_positive", reason = "customer born 1990 in Tunis; different person" }, token);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await decided.Json()).GetProperty("status").GetString().ShouldBe("false_positive");
        (await client.PostAsJsonAsync($"/v1/alerts/{id}/decision", new { decision = "true_match", reason = "second thoughts" }, token)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var audit = await (await client.Get("/v1/audit")).Content.ReadAsStringAsync(token);
        audit.ShouldContain("\"action\":\"decision\"");
        audit.ShouldContain("different person");

        // 3. The same batch again: the alert is suppressed, not queued.
        var second = await (await client.PostAsJsonAsync("/v1/batches", batch, token)).Json();
        Alerts(second).Single(a => a.GetProperty("entity_id").GetString() == "un:SOi.022").GetProperty("status").GetString().ShouldBe("suppressed");
        (await (await client.Get("/v1/alerts")).Json()).EnumerateArray()
            .Any(a => a.GetProperty("customer_id").GetString() == "cust-42" && a.GetProperty("entity_id").GetString() == "un:SOi.022").ShouldBeFalse();

        // 4. A newer UN version changes the record: after a reload the alert is back, flagged as changed.
        Import(BundledLists.Files("un"));
        var reload = await (await client.PostAsync(new Uri("/v1/admin/reload", UriKind.Relative), null, token)).Json();
        reload.GetProperty("lists").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "un").GetProperty("publication_date").GetString().ShouldBe("2026-02-27");
        var third = await (await client.PostAsJsonAsync("/v1/batches", batch, token)).Json();
        var back = Alerts(third).Single(a => a.GetProperty("entity_id").GetString() == "un:SOi.022");
        back.GetProperty("status").GetString().ShouldBe("open");
        back.GetProperty("changed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task AFalsePositiveOnOneCustomer_NeverSuppressesAnotherPersonsMatch()
    {
        // Issue #19: suppression was keyed on (customer id, entity) and the id defaulted to the party's position, so a later
        // batch's party 1, a different person, was raised as "suppressed".
        var client = _server.CreateClient();
        var token = TestContext.Current.CancellationToken;

        // A batch without customer ids is refused: its alerts could not be told apart from another batch's.
        var noId = await client.PostAsJsonAsync("/v1/batches", new { parties = new[] { new { name = "Qassem Soleimani" } } }, token);
        noId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noId.Json()).GetProperty("field").GetString().ShouldBe("parties[0].id");
        var clash = await client.PostAsJsonAsync("/v1/batches", new { parties = new[] { new { id = "c", name = "Qassem Soleimani" }, new { id = "c", name = "Hassan Rouhani" } } }, token);
        clash.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Customer c-1, "Qasem Soleimany", is decided a false positive against ofac-sdn:10481.
        var first = await (await client.PostAsJsonAsync("/v1/batches", new { parties = new[] { new { id = "c-1", name = "Qasem Soleimany" } }, lists = new[] { "ofac-sdn" } }, token)).Json();
        var alert = Alerts(first).Single(a => a.GetProperty("entity_id").GetString() == "ofac-sdn:10481");
        (await client.PostAsJsonAsync($"/v1/alerts/{alert.GetProperty("id").GetInt64()}/decision", new { decision = "false_positive", reason = "a namesake, born 1990" }, token))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another system reuses the id c-1 for a different person, with Soleimani's own name: the alert is open.
        var other = await (await client.PostAsJsonAsync("/v1/batches", new { parties = new[] { new { id = "c-1", name = "Qassem Soleimani", dob = "1957-03-11", country = "IR" } }, lists = new[] { "ofac-sdn" } }, token)).Json();
        Alerts(other).Single(a => a.GetProperty("entity_id").GetString() == "ofac-sdn:10481").GetProperty("status").GetString().ShouldBe("open");

        // The same customer under the same name: suppressed, as decided.
        var again = await (await client.PostAsJsonAsync("/v1/batches", new { parties = new[] { new { id = "c-1", name = "Qasem Soleimany" } }, lists = new[] { "ofac-sdn" } }, token)).Json();
        Alerts(again).Single(a => a.GetProperty("entity_id").GetString() == "ofac-sdn:10481").GetProperty("status").GetString().ShouldBe("suppressed");
    }

    [Fact]
    public async Task Decision_UnknownAlertOrDecision_AreProblems()
    {
        var client = _server.CreateClient();
        var token = TestContext.Current.CancellationToken;
        (await client.PostAsJsonAsync("/v1/alerts/999999/decision", new { decision = "escalate", reason = "check with the MLRO" }, token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await client.PostAsJsonAsync("/v1/alerts/1/decision", new { decision = "ignore", reason = "no" }, token);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Json()).GetProperty("field").GetString().ShouldBe("decision");
        (await client.Get("/v1/alerts?status=closed")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync("/v1/batches?batch=../etc", new { parties = new[] { new { id = "x", name = "x" } } }, token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public void Dispose() => _server.Dispose();

    private static List<JsonElement> Alerts(JsonElement batch) => [.. batch.GetProperty("alerts").EnumerateArray()];

    private void Import(IReadOnlyList<ListFileContent> files)
    {
        using var store = SqliteListStore.Open(_server.StorePath);
        new ListLibrary(store).Import("un", files, "test", null, makeCurrent: true, evenIfOlder: true);
    }
}

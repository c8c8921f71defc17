using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interdict.Server.Tests;

/// <summary>Screening and search through the real HTTP pipeline, on the bundled SDN and UN lists.</summary>
public sealed class ScreeningApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Screen_ArticleNames_FindSoleimaniAndKataibHizballahFirst()
    {
        var response = await _client.Screen(new
        {
            parties = new object[]
            {
                new { id = "c-1", name = "Qassem Soleimani" },
                new { id = "c-2", name = "قاسم سلیمانی" },
                new { id = "c-3", name = "Kataib Hezbollah", type = "organization" },
                new { id = "c-4", name = "John Smith" },
            },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await response.Json();
        var results = json.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("id").GetString()).ShouldBe(["c-1", "c-2", "c-3", "c-4"]);
        FirstHit(results[0]).ShouldBe("ofac-sdn:10481");
        FirstHit(results[1]).ShouldBe("ofac-sdn:10481");
        FirstHit(results[2]).ShouldBe("ofac-sdn:11462");
        results[3].GetProperty("hits").GetArrayLength().ShouldBe(0);
        json.GetProperty("algorithm").GetString().ShouldStartWith("interdict-name ");
        json.GetProperty("lists").EnumerateArray().Select(l => l.GetProperty("list").GetString()).ShouldBe(["ofac-sdn", "un"]);
        json.GetProperty("audit_seq").GetInt64().ShouldBeGreaterThan(0);

        // Every hit explains itself: the listed name, the aligned parts, the list version.
        var hit = results[0].GetProperty("hits")[0];
        hit.GetProperty("explanation").GetProperty("alignment").GetArrayLength().ShouldBeGreaterThan(0);
        hit.GetProperty("explanation").GetProperty("list_version").GetProperty("content_hash").GetString()!.Length.ShouldBe(64);
    }

    [Fact]
    public async Task Screen_MessyFacts_AreUsedOrIgnoredWithWarnings()
    {
        var response = await _client.Screen(new
        {
            parties = new object[]
            {
                new { name = "Soleimani, Gen. Qasem", dob = "11 Mar 1957", country = "Iranian", type = "persn" },
                new { name = "Maria Soleimani", dob = "1990" },
            },
            lists = new[] { "ofac-sdn" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await response.Json()).GetProperty("results");
        results[0].GetProperty("id").GetString().ShouldBe("1");
        FirstHit(results[0]).ShouldBe("ofac-sdn:10481");
        var facts = results[0].GetProperty("hits")[0].GetProperty("explanation").GetProperty("facts").EnumerateArray().Select(f => f.GetProperty("feature").GetString()).ToList();
        facts.ShouldContain("date_of_birth");
        results[0].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("type 'persn'", StringComparison.Ordinal));
        results[1].GetProperty("hits").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Search_SameHitsAsTheCliJson()
    {
        var api = await (await _client.Get("/v1/search?q=Ghasem+Soleymani&dob=1957")).Json();

        // The interdict tool, run as its own process on the same bundled lists, must write the same hits.
        var cli = RunCli("screen", "Ghasem Soleymani", "--dob", "1957", "--lists", "ofac-sdn,un", "--format", "json");
        var cliJson = JsonDocument.Parse(cli).RootElement;
        api.GetProperty("hits").GetArrayLength().ShouldBeGreaterThan(0);
        JsonNode.DeepEquals(JsonNode.Parse(api.GetProperty("hits").GetRawText()), JsonNode.Parse(cliJson.GetProperty("hits").GetRawText())).ShouldBeTrue();
        JsonNode.DeepEquals(JsonNode.Parse(api.GetProperty("lists").GetRawText()), JsonNode.Parse(cliJson.GetProperty("lists").GetRawText())).ShouldBeTrue();
        api.GetProperty("algorithm").GetString().ShouldBe(cliJson.GetProperty("algorithm").GetString());
        api.GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
    }

    [Fact]
    public async Task Search_HitCarriesTheCrossListCluster()
    {
        // Kataib Hizballah is on the SDN only; Soleimani (un:IRi.039) is on both lists, linked by UN reference / passport.
        var json = await (await _client.Get("/v1/search?q=Qasem+Soleimani&lists=ofac-sdn")).Json();
        var hit = json.GetProperty("hits")[0];
        hit.GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
        hit.TryGetProperty("same_party", out var same).ShouldBeTrue();
        same.ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Theory]
    [InlineData("/v1/search?q=x&name=y", "name")]
    [InlineData("/v1/search?q=Soleimani&q=Qasem", "q")]
    [InlineData("/v1/lists?verbose=1", "verbose")]
    [InlineData("/v1/search?q=Soleimani&threshold=high", "threshold")]
    [InlineData("/v1/search?q=Soleimani&threshold=1.5", "threshold")]
    [InlineData("/v1/search?q=Soleimani&limit=0", "limit")]
    [InlineData("/v1/search?q=Soleimani&lists=eu", "lists")]
    [InlineData("/v1/search?q=%20", "q")]
    [InlineData("/v1/search", "q")]
    public async Task Search_BadQuery_IsAProblemNamingTheField(string url, string field)
    {
        var response = await _client.Get(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Json();
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("field").GetString().ShouldBe(field);
        problem.GetProperty("detail").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("""{"parties":[{"name":"Qasem Soleimani","birthdate":"1957"}]}""", "$.parties[0].birthdate")]
    [InlineData("""{"parties":[{"name":"Qasem Soleimani"}],"treshold":0.9}""", "$.treshold")]
    [InlineData("""{"parties":[{"name":"Qasem Soleimani"}],"threshold":"high"}""", "$.threshold")]
    [InlineData("""{"parties":[]}""", "parties")]
    [InlineData("""{}""", "parties")]
    [InlineData("""{"parties":[{"id":"c-9"}]}""", "parties[0].name")]
    [InlineData("""{"parties":[{"name":"  "}]}""", "parties[0].name")]
    [InlineData("""{"parties":[{"name":"Qasem Soleimani"}],"lists":["ofac-sdn","eu"]}""", "lists")]
    [InlineData("""{"parties":[{"name":"Qasem Soleimani"}],"limit":5000}""", "limit")]
    public async Task Screen_BadBody_IsAProblemNamingTheField(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/v1/screen", UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Json();
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task Screen_NotJson_Is415()
    {
        using var content = new StringContent("name=Soleimani", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _client.PostAsync(new Uri("/v1/screen", UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Json()).GetProperty("status").GetInt32().ShouldBe(415);
    }

    [Fact]
    public async Task Entity_KnownAndUnknownIds()
    {
        var entity = await (await _client.Get("/v1/entities/ofac-sdn:10481")).Json();
        entity.GetProperty("id").GetString().ShouldBe("ofac-sdn:10481");
        entity.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("value").GetString()).ShouldContain("SOLEIMANI, Qasem");

        var missing = await _client.Get("/v1/entities/ofac-sdn:99999999");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Json()).GetProperty("detail").GetString()!.ShouldContain("ofac-sdn:99999999");
    }

    [Fact]
    public async Task Lists_VersionsAndDiff()
    {
        var lists = await (await _client.Get("/v1/lists")).Json();
        var sdn = lists.GetProperty("lists").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "ofac-sdn");
        sdn.GetProperty("version").GetString().ShouldBe("bundled");
        sdn.GetProperty("entities").GetInt32().ShouldBeGreaterThan(10_000);

        var versions = await (await _client.Get("/v1/lists/un/versions")).Json();
        versions.EnumerateArray().Single().GetProperty("in_force").GetBoolean().ShouldBeTrue();

        var diff = await (await _client.Get("/v1/lists/un/diff?from=bundled&to=current")).Json();
        diff.GetProperty("counts").GetProperty("added").GetInt32().ShouldBe(0);
        diff.GetProperty("from").GetProperty("version").GetString().ShouldBe("bundled");

        (await _client.Get("/v1/lists/eu/versions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.Get("/v1/lists/un/diff?from=bundled")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _client.Get("/v1/lists/un/diff?from=v99&to=current")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_ReportsListsStoreAndAudit()
    {
        await _client.Get("/v1/search?q=Soleimani");
        var response = await _client.Get("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var health = await response.Json();
        health.GetProperty("status").GetString().ShouldBeOneOf("healthy", "degraded");
        health.GetProperty("audit").GetProperty("reachable").GetBoolean().ShouldBeTrue();
        health.GetProperty("store").GetProperty("reachable").GetBoolean().ShouldBeTrue();
        health.GetProperty("lists").GetArrayLength().ShouldBe(2);
        // The bundled SDN snapshot is from 2024: older than 30 days, so it is reported stale.
        health.GetProperty("stale_lists").EnumerateArray().Select(s => s.GetString()).ShouldContain("ofac-sdn");
    }

    [Fact]
    public async Task Metrics_CountScreenedParties()
    {
        await _client.Get("/v1/search?q=Soleimani");
        var text = await (await _client.Get("/metrics")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.ShouldContain("interdict_screen_parties");
        text.ShouldContain("interdict_audit_records");
        // Issue #19: the duration histograms' buckets are milliseconds (they were 0, 5, 10… seconds).
        text.ShouldContain("interdict_screen_duration_milliseconds_bucket");
        text.ShouldMatch("(?s).*interdict_screen_duration_milliseconds_bucket\\{[^}]*le=\"0.5\".*");
    }

    private static string? FirstHit(JsonElement result) =>
        result.GetProperty("hits").GetArrayLength() > 0 ? result.GetProperty("hits")[0].GetProperty("entity_id").GetString() : null;

    internal static string RunCli(params string[] args) => RunCliExpecting(0, args);

    internal static string RunCliExpecting(int exitCode, params string[] args) => RunCli(exitCode, null, args).Output;

    /// <summary>Runs the tool with extra environment variables; returns its standard error.</summary>
    internal static string RunCliWithEnvironment(int exitCode, Dictionary<string, string> environment, params string[] args) => RunCli(exitCode, environment, args).Error;

    private static (string Output, string Error) RunCli(int exitCode, Dictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment ?? [])
        {
            start.Environment[k] = v;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "interdict.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit();
        process.ExitCode.ShouldBe(exitCode, error.Result);
        return (output.Result, error.Result);
    }
}

/// <summary><c>POST /v1/payments/screen</c>: the raw message in, the CLI's decision out, recorded in the audit trail.</summary>
public sealed class PaymentApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private async Task<HttpResponseMessage> Post(string fixture, string type) =>
        await server.CreateClient().PostAsync(new Uri("/v1/payments/screen", UriKind.Relative),
            new StringContent(File.ReadAllText(Fixtures.PathOf("payments/" + fixture)), Encoding.UTF8, type), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Messages_AreHeldOrPassed_AndBadOnesRefusedNamingTheProblem()
    {
        var held = await (await Post("pacs008-soleimani.xml", "application/xml")).Json();
        held.GetProperty("decision").GetString().ShouldBe("hold");
        held.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("entity_id").GetString() == "ofac-sdn:10481" && h.GetProperty("field").GetString() == "CdtTrfTxInf/Cdtr/Nm");
        var mt = await (await Post("mt103-kataib.txt", "text/plain")).Json();
        mt.GetProperty("hits").EnumerateArray().ShouldContain(h => h.GetProperty("field").GetString() == ":59: line 2");
        (await (await Post("mt103-clean.txt", "text/plain")).Json()).GetProperty("decision").GetString().ShouldBe("pass");

        var doctype = await Post("pacs008-doctype.xml", "application/xml");
        doctype.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await doctype.Json()).GetProperty("detail").GetString()!.ShouldContain("DOCTYPE");
        (await Post("mt103-clean.txt", "application/json")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }
}

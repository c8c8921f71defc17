using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Interdict.Core.Matching;
using Interdict.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interdict.Server.Tests;

/// <summary>Limits on body size, batch size and name length.</summary>
public sealed class LimitTests(LimitedServerFactory server) : IClassFixture<LimitedServerFactory>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Screen_TooManyParties_Is413()
    {
        var response = await _client.Screen(new { parties = Enumerable.Range(0, 4).Select(i => new { name = $"Name {i}" }) });
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var problem = await response.Json();
        problem.GetProperty("detail").GetString()!.ShouldContain("Limits:MaxParties");
    }

    [Fact]
    public async Task Screen_ANameOfTooManyWords_Is400_AndTooMuchWorkInOneRequestIs413()
    {
        // Issue #19: 500-character names of common name words kept the server busy for tens of seconds.
        var words = await _client.Screen(new { parties = new[] { new { name = "Al Bu Ca Do Ed Fa Gu Ha Ib Jo Ku" } } });
        words.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await words.Json();
        problem.GetProperty("field").GetString().ShouldBe("parties[0].name");
        problem.GetProperty("detail").GetString()!.ShouldContain("Limits:MaxNameWords");

        // Three Arabic-script names of five words: 3 × 5 × 8 = 120 units, over this server's 100 (its word limit is 10).
        var heavy = await _client.Screen(new { parties = Enumerable.Range(0, 3).Select(_ => new { name = "محمد علی حسن حسین احمد" }) });
        heavy.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await heavy.Json()).GetProperty("detail").GetString()!.ShouldContain("Limits:MaxRequestWork");
    }

    [Fact]
    public async Task Screen_OnOneScreeningThread_AnswersSinglesAndBatchesWithinTheLimits()
    {
        server.Services.GetRequiredService<ScreeningWorkers>().Count.ShouldBe(1);
        var response = await _client.Screen(new { parties = new[] { new { name = "Qassem Soleimani" }, new { name = "Kataib Hezbollah" } } });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await response.Json()).GetProperty("results");
        results[0].GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
        results[1].GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:11462");
    }

    [Fact]
    public async Task Screen_WithScreeningAlgorithmSet_UsesThatMatcherVersion()
    {
        var response = await _client.Get("/v1/search?q=Qassem%20Soleimani");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await response.Json();
        json.GetProperty("algorithm").GetString().ShouldBe("interdict-name 1.2.0");
        json.GetProperty("hits")[0].GetProperty("explanation").GetProperty("algorithm_version").GetString().ShouldBe("1.2.0");
    }

    [Fact]
    public async Task Screen_BodyTooLarge_Is413()
    {
        var body = $$"""{"parties":[{"name":"Soleimani","id":"{{new string('x', 3000)}}"}]}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/v1/screen", UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Json()).GetProperty("detail").GetString()!.ShouldContain("Limits:MaxBodyBytes");
    }

    [Fact]
    public async Task Search_NameTooLong_Is400()
    {
        var response = await _client.Get("/v1/search?q=" + new string('a', 41));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("field").GetString().ShouldBe("q");
    }
}

/// <summary>API keys and scopes.</summary>
public sealed class KeyTests(KeyedServerFactory server) : IClassFixture<KeyedServerFactory>
{
    private readonly KeyedServerFactory _server = server;

    [Fact]
    public async Task NoKey_Is401WithChallenge()
    {
        var response = await _server.CreateClient().Get("/v1/search?q=Soleimani");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await response.Json()).GetProperty("title").GetString().ShouldBe("API key required");
    }

    [Fact]
    public async Task WrongKey_Is401()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "idk_not-a-key");
        (await client.Get("/v1/search?q=Soleimani")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ScreenKey_ScreensButCannotReadTheAudit()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServerFactory.ScreenKey);
        (await client.Get("/v1/search?q=Soleimani")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await client.Get("/v1/audit/verify");
        audit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await audit.Json()).GetProperty("detail").GetString()!.ShouldContain("'admin'");
    }

    [Fact]
    public async Task OnlyAReviewKey_RecordsDecisions_AScreenKeyCannotClearItsOwnAlerts()
    {
        // Issue #19: a key with only the screening scope could record decisions.
        var token = TestContext.Current.CancellationToken;
        var screen = _server.CreateClient();
        screen.DefaultRequestHeaders.Add("X-Api-Key", ServerFactory.ScreenKey);
        var batch = await (await screen.PostAsJsonAsync("/v1/batches", new { parties = new[] { new { id = "c-1", name = "Qassem Soleimani" } } }, token)).Json();
        var id = batch.GetProperty("alerts").EnumerateArray().First().GetProperty("id").GetInt64();
        var decision = new { decision = "false_positive", reason = "not our customer, honestly" };

        var refused = await screen.PostAsJsonAsync($"/v1/alerts/{id}/decision", decision, token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Json()).GetProperty("detail").GetString()!.ShouldContain("'review'");

        var analyst = _server.CreateClient();
        analyst.DefaultRequestHeaders.Add("X-Api-Key", ServerFactory.ReviewKey);
        (await analyst.PostAsJsonAsync($"/v1/alerts/{id}/decision", decision, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminKey_ReadsTheAudit_WhichNamesTheCaller()
    {
        var screen = _server.CreateClient();
        screen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFactory.ScreenKey);
        (await screen.Get("/v1/search?q=Kataib+Hezbollah")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = _server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFactory.AdminKey);
        var export = await (await admin.Get("/v1/audit?format=jsonl")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        export.ShouldContain("\"principal\":\"bank-batch\"");
        export.ShouldContain("Kataib Hezbollah");
        (await admin.Get("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HealthAndOpenApi_NeedNoKey()
    {
        var client = _server.CreateClient();
        (await client.Get("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.Get("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>An open server (no keys) may only listen on loopback.</summary>
public sealed class BindingTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("https://screening.bank.example:443", false)]
    public void IsLoopback_Addresses(string address, bool loopback) => ServerSettings.IsLoopback(address).ShouldBe(loopback);

    [Fact]
    public void CheckBinding_NoKeysOnAllInterfaces_RefusesToStart()
    {
        var settings = Settings(new Dictionary<string, string?>());
        var ex = Should.Throw<InvalidOperationException>(() => ServerApp.CheckBinding(settings, ["http://0.0.0.0:8080"], NullLogger.Instance));
        ex.Message.ShouldContain("refusing to start");
        ex.Message.ShouldContain("http://0.0.0.0:8080");
    }

    [Fact]
    public void CheckBinding_BarePortsBindEveryInterface()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["http_ports"] = "8080" }).Build();
        Should.Throw<InvalidOperationException>(() => ServerApp.CheckBinding(Settings(new Dictionary<string, string?>()), ServerSettings.ConfiguredAddresses(config), NullLogger.Instance));
    }

    [Fact]
    public void CheckBinding_WithKeysOrOnLoopback_Starts()
    {
        ServerApp.CheckBinding(Settings(new Dictionary<string, string?>()), ["http://127.0.0.1:5000", "http://localhost:5001"], NullLogger.Instance);
        var keyed = Settings(new Dictionary<string, string?>
        {
            ["Auth:Keys:0:Name"] = "gateway",
            ["Auth:Keys:0:Hash"] = Security.ApiKey.HashOf("secret"),
            ["Auth:Keys:0:Scopes:0"] = "screen",
        });
        ServerApp.CheckBinding(keyed, ["http://0.0.0.0:8080"], NullLogger.Instance);
        keyed.Keys.Single().Name.ShouldBe("gateway");
    }

    [Theory]
    [InlineData("Screening:Threshold", "1.5", "Screening:Threshold")]
    [InlineData("Screening:Lists", "ofac-sdn,eu", "Screening:Lists")]
    [InlineData("Limits:MaxParties", "lots", "Limits:MaxParties")]
    [InlineData("Screening:Threads", "0", "Screening:Threads")]
    [InlineData("Screening:Threads", "1.5", "Screening:Threads")]
    [InlineData("Screening:Algorithm", "3.0", "Screening:Algorithm")]
    [InlineData("Auth:Keys:0:Hash", "plain-secret", "Auth:Keys:0:Hash")]
    public void Settings_BadValue_NamesTheKey(string key, string value, string named)
    {
        var values = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Auth", StringComparison.Ordinal))
        {
            values["Auth:Keys:0:Name"] = "x";
            values["Auth:Keys:0:Scopes:0"] = "screen";
        }

        Should.Throw<InvalidOperationException>(() => Settings(values)).Message.ShouldContain(named);
    }

    [Fact]
    public void ScreeningThreads_DefaultToOnePerCore_AndFollowTheSetting()
    {
        Settings([]).ScreeningThreads.ShouldBe(Environment.ProcessorCount);
        Settings(new() { ["Screening:Threads"] = "3" }).ScreeningThreads.ShouldBe(3);
    }

    [Fact]
    public void ScreeningAlgorithm_DefaultsToTheCurrentVersion_AndFollowsTheSetting()
    {
        Settings([]).Algorithm.ShouldBe(MatcherVersion.Current);
        Settings(new() { ["Screening:Algorithm"] = "1.2.0" }).Algorithm.ShouldBe(MatcherVersion.V120);
        Settings(new() { ["Screening:Algorithm"] = "current" }).Algorithm.ShouldBe(MatcherVersion.Current);
    }

    private static ServerSettings Settings(Dictionary<string, string?> values) =>
        ServerSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}

/// <summary>Issue #19: failed authentications are recorded (once a minute per address) and a flood is answered 429.</summary>
public sealed class FailedAuthenticationTests(KeyedServerFactory server) : IClassFixture<KeyedServerFactory>
{
    private readonly KeyedServerFactory _server = server;

    [Fact]
    public async Task FailedAuthentications_AreRecordedOncePerMinute_AndAFloodIsAnswered429()
    {
        var stranger = _server.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "idk_guessing");
        for (var i = 0; i < Security.ApiKeyMiddleware.MaxFailuresPerMinute; i++)
        {
            (await stranger.Get("/v1/search?q=Soleimani")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var flood = await stranger.Get("/v1/search?q=Soleimani");
        flood.StatusCode.ShouldBe((HttpStatusCode)429);
        flood.Headers.RetryAfter.ShouldNotBeNull();

        var admin = _server.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ServerFactory.AdminKey);
        var audit = await (await admin.Get("/v1/audit")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var failures = audit.Split('\n').Where(l => l.Contains("\"action\":\"auth-failed\"", StringComparison.Ordinal)).ToList();
        failures.Count.ShouldBe(1);
        failures[0].ShouldContain("unknown API key");

        // A valid key from the same address is not held back.
        (await admin.Get("/v1/search?q=Soleimani")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Interdict.Server.Tests;

/// <summary>
/// The yente-compatible API, called as yente's documentation shows it (the <c>/match</c> body below is the example of
/// yente's own endpoint description, with listed parties' names), on the bundled SDN and UN lists.
/// </summary>
public sealed class YenteApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private readonly HttpClient _client = server.CreateClient();

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string json) =>
        client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private const string DocumentationExample = """
        {
          "queries": {
            "entity1": {
              "schema": "Person",
              "properties": {
                "name": ["Qassem Soleimani"],
                "birthDate": ["1957-03-11"],
                "nationality": ["ir"]
              }
            },
            "entity2": {
              "schema": "Company",
              "properties": {
                "name": ["Kataib Hezbollah"],
                "jurisdiction": ["iq"]
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Match_DocumentationExample_AnswersInYentesShape()
    {
        var response = await Post(_client, "/match/default", DocumentationExample);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var json = await response.Json();
        json.GetProperty("limit").GetInt32().ShouldBe(5);
        json.GetProperty("matcher").GetProperty("name_score").GetProperty("description").GetString().ShouldNotBeNullOrEmpty();
        response.Headers.GetValues("x-batch-size").Single().ShouldBe("2");

        var person = json.GetProperty("responses").GetProperty("entity1");
        person.GetProperty("status").GetInt32().ShouldBe(200);
        person.GetProperty("query").GetProperty("schema").GetString().ShouldBe("Person");
        var top = person.GetProperty("results")[0];
        top.GetProperty("id").GetString().ShouldBe("ofac-sdn:10481");
        top.GetProperty("schema").GetString().ShouldBe("Person");
        top.GetProperty("caption").GetString().ShouldBe("SOLEIMANI, Qasem");
        top.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).ShouldBe(["us_ofac_sdn"]);
        top.GetProperty("match").GetBoolean().ShouldBeTrue();
        top.GetProperty("target").GetBoolean().ShouldBeTrue();
        top.GetProperty("score").GetDouble().ShouldBeGreaterThan(0.9);
        top.GetProperty("properties").GetProperty("birthDate").EnumerateArray().Select(d => d.GetString()).ShouldContain("1957-03-11");
        top.GetProperty("properties").GetProperty("nationality").EnumerateArray().Select(d => d.GetString()).ShouldContain("ir");
        // Interdict's score features, and its full explanation beside them.
        top.GetProperty("features").GetProperty("date_of_birth").GetDouble().ShouldBeGreaterThan(0);
        top.GetProperty("features").GetProperty("country").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        top.GetProperty("explanation").GetProperty("alignment").GetArrayLength().ShouldBeGreaterThan(0);
        // The UN's record of the same man, linked across lists, is a referent.
        top.GetProperty("referents").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.StartsWith("un:", StringComparison.Ordinal));
        person.GetProperty("total").GetProperty("relation").GetString().ShouldBe("eq");

        var company = json.GetProperty("responses").GetProperty("entity2");
        company.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe("ofac-sdn:11462");
        company.GetProperty("results")[0].GetProperty("schema").GetString().ShouldBe("Organization");
        json.GetProperty("audit_seq").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Match_DatasetThresholdAndLimit_AreHonoured()
    {
        const string body = """{"queries": {"q": {"schema": "Person", "properties": {"name": "Qasem Soleimani"}}}}""";
        var un = await (await Post(_client, "/match/un_sc_sanctions", body)).Json();
        un.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray()
            .ShouldAllBe(r => r.GetProperty("id").GetString()!.StartsWith("un:", StringComparison.Ordinal));

        // Everything down to the cutoff is returned; only what reaches the threshold is a match.
        var loose = await (await Post(_client, "/match/default?threshold=0.999&cutoff=0.5&limit=3", body)).Json();
        var results = loose.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(3);
        results.ShouldAllBe(r => r.GetProperty("score").GetDouble() >= 0.5);
        results.ShouldAllBe(r => r.GetProperty("match").GetBoolean() == r.GetProperty("score").GetDouble() >= 0.999);
        results.ShouldContain(r => !r.GetProperty("match").GetBoolean());

        var excluded = await (await Post(_client, "/match/default?exclude_dataset=us_ofac_sdn", body)).Json();
        excluded.GetProperty("responses").GetProperty("q").GetProperty("results").EnumerateArray()
            .ShouldAllBe(r => !r.GetProperty("id").GetString()!.StartsWith("ofac-sdn:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/match/eu_fsf", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", 404, "Dataset not found: eu_fsf")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Address", "properties": {"full": ["Tehran"]}}}}""", 400, "'Address' is not a schema Interdict screens")]
    [InlineData("/match/default", """{"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1957"]}}}}""", 400, "it has no name")]
    [InlineData("/match/default", """{"queries": {}}""", 400, "No queries provided")]
    [InlineData("/match/default", """{"entities": []}""", 400, "'queries' is required")]
    [InlineData("/match/default?changed_since=2024-01-01", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", 400, "'changed_since' is not supported")]
    [InlineData("/match/default?algorithm=0.1.0", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", 400, "algorithm '0.1.0' is not available")]
    [InlineData("/match/default?topics=role.pep", """{"queries": {"q": {"schema": "Person", "properties": {"name": ["X"]}}}}""", 400, "leave no list to screen against")]
    public async Task Match_BadRequest_IsRefusedWithYentesErrorShape(string url, string body, int status, string detail)
    {
        var response = await Post(_client, url, body);
        ((int)response.StatusCode).ShouldBe(status);
        (await response.Json()).GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    [Fact]
    public async Task Match_YenteAlgorithmName_IsAnsweredWithInterdictsMatcher()
    {
        var response = await Post(_client, "/match/default?algorithm=logic-v1", DocumentationExample);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var algorithms = await (await _client.Get("/algorithms")).Json();
        algorithms.GetProperty("default").GetString().ShouldStartWith("interdict-name ");
    }

    [Fact]
    public async Task Match_FactNotUnderstood_IsWarnedAboutAsEveryDoorDoes()
    {
        const string body = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Qassem Soleimani"], "birthDate": ["11/31/1957", "1957"]}}}}""";
        var json = await (await Post(_client, "/match/default", body)).Json();
        var warnings = json.GetProperty("responses").GetProperty("q").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        warnings.ShouldContain(w => w!.Contains("only the first (birthDate '11/31/1957')", StringComparison.Ordinal));
        warnings.ShouldContain(w => w!.StartsWith("date of birth '11/31/1957' is not a date", StringComparison.Ordinal));
        json.GetProperty("responses").GetProperty("q").GetProperty("results")[0].GetProperty("id").GetString().ShouldBe("ofac-sdn:10481");
    }

    [Fact]
    public async Task Entities_Search_Catalog_AnswerInYentesShape()
    {
        var entity = await (await _client.Get("/entities/ofac-sdn:10481")).Json();
        entity.GetProperty("caption").GetString().ShouldBe("SOLEIMANI, Qasem");
        entity.GetProperty("schema").GetString().ShouldBe("Person");
        entity.GetProperty("properties").GetProperty("name")[0].GetString().ShouldBe("SOLEIMANI, Qasem");
        entity.GetProperty("properties").GetProperty("program").EnumerateArray().Select(p => p.GetString()).ShouldContain("SDGT");
        (await _client.Get("/entities/ofac-sdn:0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var search = await (await _client.Get("/search/default?q=Qasem%20Soleimani&schema=Person&countries=ir")).Json();
        search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldContain("ofac-sdn:10481");
        search.GetProperty("total").GetProperty("value").GetInt32().ShouldBeGreaterThan(0);
        search.GetProperty("limit").GetInt32().ShouldBe(10);
        var vessels = await (await _client.Get("/search/default?q=Qasem%20Soleimani&schema=Vessel")).Json();
        vessels.GetProperty("results").GetArrayLength().ShouldBe(0);

        var catalog = await (await _client.Get("/catalog")).Json();
        var names = catalog.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        names.ShouldBe(["default", "sanctions", "us_ofac_sdn", "un_sc_sanctions"]);
        catalog.GetProperty("datasets")[0].GetProperty("children").EnumerateArray().Select(c => c.GetString()).ShouldBe(["us_ofac_sdn", "un_sc_sanctions"]);
    }
}

/// <summary>The yente-compatible API behind API keys: yente's clients send them as <c>Authorization: ApiKey …</c>.</summary>
public sealed class YenteApiKeyTests(KeyedServerFactory server) : IClassFixture<KeyedServerFactory>
{
    [Fact]
    public async Task Match_TakesTheKeyAsYentesClientsSendIt()
    {
        var client = server.CreateClient();
        const string body = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Qassem Soleimani"]}}}}""";
        var anonymous = await client.PostAsync(new Uri("/match/default", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/match/default", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", ServerFactory.ScreenKey);
        var keyed = await client.SendAsync(request, TestContext.Current.CancellationToken);
        keyed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await keyed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        doc.RootElement.GetProperty("responses").GetProperty("q").GetProperty("results")[0].GetProperty("id").GetString().ShouldBe("ofac-sdn:10481");
    }
}

/// <summary>The server with an FtM dataset imported beside the official lists (Screening:Lists names it).</summary>
public sealed class FtmServerFactory : ServerFactory
{
    public FtmServerFactory()
    {
        using var store = Storage.Sqlite.SqliteListStore.Open(StorePath);
        var file = new Core.Model.ListFileContent("entities.ftm.json", TestKit.Fixtures.Bytes("ftm/entities.ftm.json"));
        new Lists.Store.ListLibrary(store).Import("ftm:fixture", [file], "fixture", null, makeCurrent: true);
    }

    public override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Screening:Lists"] = "ofac-sdn,un,ftm:fixture" };
}

/// <summary>An imported FollowTheMoney dataset is a yente dataset of its own name, matched and served like the official lists.</summary>
public sealed class YenteFtmDatasetTests(FtmServerFactory server) : IClassFixture<FtmServerFactory>
{
    [Fact]
    public async Task Match_FtmDataset_IsADatasetOfItsName()
    {
        var client = server.CreateClient();
        const string body = """{"queries": {"q": {"schema": "Person", "properties": {"name": ["Ghasem Soleimani"], "birthDate": ["1957-03-11"]}}}}""";
        var response = await client.PostAsync(new Uri("/match/fixture", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var top = (await response.Json()).GetProperty("responses").GetProperty("q").GetProperty("results")[0];
        top.GetProperty("id").GetString().ShouldBe("ftm:fixture:fx-soleimani");
        top.GetProperty("datasets")[0].GetString().ShouldBe("fixture");
        top.GetProperty("properties").GetProperty("passportNumber")[0].GetString().ShouldBe("008827");

        var catalog = await (await client.Get("/catalog")).Json();
        catalog.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldContain("fixture");
    }
}

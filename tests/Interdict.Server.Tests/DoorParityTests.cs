extern alias cli;

using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using CliApplication = cli::Interdict.Cli.CliApplication;

namespace Interdict.Server.Tests;

/// <summary>
/// Issue #21: every door gives the same answer to the same query. Each query goes through the CLI's single screen, the
/// CLI's batch (a CSV row), <c>POST /v1/screen</c>, <c>GET /v1/search</c> (the analyst page's door) and the yente-compatible
/// <c>POST /match</c>, on the same lists; the hits (entity and score, in order) and the warnings must be the same.
/// </summary>
public sealed class DoorParityTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>A party as a caller writes it, and the FtM schema that says its type at the yente door.</summary>
    public sealed record Party(string Name, string? Type = null, string? Dob = null, string? Country = null, string? Identifier = null);

    public static TheoryData<string, string?, string?, string?, string?> Parties => new()
    {
        { "Qassem Soleimani", "person", "11 Mar 1957", "Iranian", null },
        { "قاسم سلیمانی", null, null, null, null },
        { "Kataib Hezbollah", "organization", null, "Iraq", null },
        { "Ark III (IMO 9187655)", "vessel", null, null, null },
        { "Qasem Soleimani", "persn", "31/31/1957", "Atlantis", null },
        { "Soleimani, Gen. Qasem", null, "1957", "IR", "008827" },
        { "Margaret Thornbury", "person", "1980-02-29", "GB", null },
    };

    private sealed record Answer(IReadOnlyList<string> Hits, IReadOnlyList<string> Warnings);

    [Theory]
    [MemberData(nameof(Parties))]
    public async Task SameQuery_ThroughEveryDoor_GivesTheSameHitsAndWarnings(string name, string? type, string? dob, string? country, string? identifier)
    {
        var party = new Party(name, type, dob, country, identifier);
        var single = CliSingle(party);
        var batch = CliBatch(party);
        var screen = await ApiScreen(party);
        var search = await ApiSearch(party);
        var match = await YenteMatch(party);

        // The doors agree on something worth agreeing on: listed parties are found, the unlisted name is not, and the
        // messy row's type, date and country are each warned about.
        if (name == "Margaret Thornbury")
        {
            single.Hits.ShouldBeEmpty();
        }
        else
        {
            single.Hits.ShouldNotBeEmpty();
        }

        if (type == "persn")
        {
            single.Warnings.Count.ShouldBe(3, string.Join(" | ", single.Warnings));
        }

        foreach (var (door, answer) in new[] { ("CLI batch", batch), ("POST /v1/screen", screen), ("GET /v1/search", search) })
        {
            answer.Hits.ShouldBe(single.Hits, $"{door} hits vs CLI single");
            answer.Warnings.ShouldBe(single.Warnings, $"{door} warnings vs CLI single");
        }

        // The yente door says a type by its schema: a type that cannot be read there is no schema (LegalEntity), and
        // the warning about it cannot arise; every other warning and every hit is the same.
        match.Hits.ShouldBe(single.Hits, "POST /match vs CLI single");
        match.Warnings.ShouldBe(single.Warnings.Where(w => !w.StartsWith("type '", StringComparison.Ordinal)).ToList(), "POST /match warnings vs CLI single");
    }

    private static Answer Read(JsonElement hits, JsonElement? warnings, string id = "entity_id") => new(
        [.. hits.EnumerateArray().Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.GetProperty(id).GetString()} {h.GetProperty("score").GetDouble():0.0000}"))],
        warnings is { ValueKind: JsonValueKind.Array } w ? [.. w.EnumerateArray().Select(x => x.GetString()!)] : []);

    private static (int Code, string Output, string Error) RunCli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        var code = new CliApplication(console, output, error, interactive: false).Run(args);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Options(Party p) =>
        [.. Option("--type", p.Type), .. Option("--dob", p.Dob), .. Option("--country", p.Country), .. Option("--identifier", p.Identifier), "--lists", "ofac-sdn,un"];

    private static string[] Option(string name, string? value) => value is null ? [] : [name, value];

    private static Answer CliSingle(Party p)
    {
        var (code, output, error) = RunCli(["screen", p.Name, .. Options(p), "--format", "json"]);
        code.ShouldBe(0, error);
        var doc = JsonDocument.Parse(output).RootElement;
        return Read(doc.GetProperty("hits"), doc.GetProperty("warnings"));
    }

    private static Answer CliBatch(Party p)
    {
        var folder = Directory.CreateTempSubdirectory("interdict-parity-").FullName;
        try
        {
            static string Csv(string? v) => v is null ? "" : "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var input = Path.Combine(folder, "q.csv");
            File.WriteAllText(input, $"id,name,type,dob,country,identifier\nc-1,{Csv(p.Name)},{Csv(p.Type)},{Csv(p.Dob)},{Csv(p.Country)},{Csv(p.Identifier)}\n", new UTF8Encoding(false));
            var output = Path.Combine(folder, "r.jsonl");
            var (code, _, error) = RunCli("screen", "--input", input, "--output", output, "--lists", "ofac-sdn,un");
            code.ShouldBe(0, error);
            var line = JsonDocument.Parse(File.ReadLines(output).Single()).RootElement;
            var answer = Read(line.GetProperty("hits"), line.TryGetProperty("warnings", out var w) ? w : null);
            // The batch says where: "q.csv, line 2: …".
            var prefix = $"{input}, line 2: ";
            answer.Warnings.ShouldAllBe(x => x.StartsWith(prefix, StringComparison.Ordinal));
            return answer with { Warnings = [.. answer.Warnings.Select(x => x[prefix.Length..])] };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<Answer> ApiScreen(Party p)
    {
        var response = await _client.PostAsJsonAsync("/v1/screen",
            new { parties = new[] { new { id = "c-1", name = p.Name, type = p.Type, dob = p.Dob, country = p.Country, identifier = p.Identifier } } },
            TestContext.Current.CancellationToken);
        var result = (await response.Json()).GetProperty("results")[0];
        return Read(result.GetProperty("hits"), result.TryGetProperty("warnings", out var w) ? w : null);
    }

    private async Task<Answer> ApiSearch(Party p)
    {
        var query = string.Join('&', new[] { ("q", p.Name), ("type", p.Type), ("dob", p.Dob), ("country", p.Country), ("identifier", p.Identifier) }
            .Where(x => x.Item2 is not null).Select(x => $"{x.Item1}={Uri.EscapeDataString(x.Item2!)}"));
        var doc = await (await _client.Get($"/v1/search?{query}")).Json();
        return Read(doc.GetProperty("hits"), doc.GetProperty("warnings"));
    }

    private async Task<Answer> YenteMatch(Party p)
    {
        var schema = p.Type switch { "person" => "Person", "organization" => "Organization", "vessel" => "Vessel", _ => "LegalEntity" };
        var properties = new Dictionary<string, string[]> { ["name"] = [p.Name] };
        if (p.Dob is not null)
        {
            properties["birthDate"] = [p.Dob];
        }

        if (p.Country is not null)
        {
            properties["country"] = [p.Country];
        }

        if (p.Identifier is not null)
        {
            properties["idNumber"] = [p.Identifier];
        }

        var body = JsonSerializer.Serialize(new { queries = new Dictionary<string, object> { ["q"] = new { schema, properties } } });
        var response = await _client.PostAsync(new Uri("/match/default?limit=10", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var q = (await response.Json()).GetProperty("responses").GetProperty("q");
        return Read(q.GetProperty("results"), q.TryGetProperty("warnings", out var w) ? w : null, "id");
    }
}

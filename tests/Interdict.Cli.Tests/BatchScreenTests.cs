using System.Text;
using System.Text.Json;

namespace Interdict.Cli.Tests;

public class BatchScreenTests
{
    [Fact]
    public void Batch_WritesOneLinePerRowInOrder_SkipsRowsWithoutName_WarnsOnBadDates()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv",
            "id,name,type,dob,country,identifier\n" +
            "c-1,Qassem Soleimani,person,1957,IR,\n" +
            "c-2,,person,,,\n" +
            "c-3,Kataib Hezbollah,,,,\n" +
            "c-4,Margaret Thornbury,person,31/31/1980,Atlantis,\n" +
            "c-5,Some Tanker,vessel,,,IMO 9187655\n");
        var output = temp.File("r.jsonl");
        var run = CliRun.Of("screen", "--input", input, "--output", output);
        run.ExitCode.ShouldBe(0, run.Error);

        var lines = File.ReadAllLines(output);
        lines.Length.ShouldBe(4);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        docs.Select(d => d.GetProperty("id").GetString()).ShouldBe(["c-1", "c-3", "c-4", "c-5"]);
        docs[0].GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
        docs[1].GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:11462");
        docs[2].GetProperty("hits").GetArrayLength().ShouldBe(0);
        docs[3].GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:15037");

        // Exactly the contract's keys on a hit (plus "kind" and the cross-list "same_party"), in this order.
        docs[0].GetProperty("hits")[0].EnumerateObject().Select(p => p.Name)
            .ShouldBe(["entity_id", "list", "name", "kind", "matched_name", "score", "explanation", "same_party"]);

        run.Error.ShouldContain($"{input}, line 3: the name is empty; row skipped");
        run.Error.ShouldContain($"{input}, line 5: dob '31/31/1980' is not a date");
        run.Error.ShouldContain("country 'Atlantis' was not recognised");
        run.Error.ShouldContain("1 skipped");
        docs[2].GetProperty("warnings").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Batch_HitsAreSortedAndAboveThreshold()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv", "id,name\nx,Hizballah\n");
        var output = temp.File("r.jsonl");
        CliRun.Of("screen", "--input", input, "--output", output, "--threshold", "0.6").ExitCode.ShouldBe(0);
        var scores = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("hits").EnumerateArray()
            .Select(h => h.GetProperty("score").GetDouble()).ToList();
        scores.Count.ShouldBeGreaterThan(1);
        scores.ShouldBeInOrder(SortDirection.Descending);
        scores.ShouldAllBe(s => s >= 0.6);
    }

    [Fact]
    public void Batch_WithoutNameColumn_IsADataErrorOnLine1()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv", "id,full_name\n1,Qassem Soleimani\n");
        var output = temp.File("r.jsonl", "{\"id\":\"earlier run\"}\n");
        var run = CliRun.Of("screen", "--input", input, "--output", output);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{input}, line 1: the header has no 'name' column");
        // The file is read through before the output is opened: an earlier run's results are left as they were.
        File.ReadAllText(output).ShouldBe("{\"id\":\"earlier run\"}\n");
    }

    [Fact]
    public void Batch_MissingInput_IsADataError() =>
        CliRun.Of("screen", "--input", "/nonexistent/q.csv").ExitCode.ShouldBe(3);

    [Fact]
    public void Batch_NameAndInputTogether_IsAUsageError() =>
        CliRun.Of("screen", "X", "--input", "q.csv").ExitCode.ShouldBe(2);

    [Fact]
    public void Batch_TenThousandNames_Completes()
    {
        using var temp = new TempFolder();
        var csv = new StringBuilder("id,name\n");
        string[] first = ["Margaret", "Thomas", "Aisha", "Wei", "Olga", "Juan", "Priya", "Kenji", "Fatima", "Lars"];
        string[] last = ["Thornbury", "Kowalski", "Okafor", "Lindqvist", "Moreau", "Haddad", "Tanaka", "Silva", "Novak", "Fischer"];
        for (var i = 0; i < 10_000; i++)
        {
            // Every hundredth row is a listed name; the rest are synthetic negatives.
            var name = i % 100 == 0 ? "Qassem Soleimani" : $"{first[i % 10]} {last[(i / 10) % 10]} {i}";
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"r{i},{name}\n");
        }

        var input = temp.File("q.csv", csv.ToString());
        var output = temp.File("r.jsonl");
        var run = CliRun.Of("screen", "--input", input, "--output", output);
        run.ExitCode.ShouldBe(0, run.Error);
        var lines = File.ReadAllLines(output);
        lines.Length.ShouldBe(10_000);
        // Screened a chunk at a time on every core: each line still stands at its row's place, with its row's hits.
        for (var i = 0; i < lines.Length; i++)
        {
            var doc = JsonDocument.Parse(lines[i]).RootElement;
            doc.GetProperty("id").GetString().ShouldBe($"r{i}");
            doc.GetProperty("line").GetInt64().ShouldBe(i + 2);
            lines[i].Contains("ofac-sdn:10481", StringComparison.Ordinal).ShouldBe(i % 100 == 0, lines[i]);
        }

        run.Error.ShouldContain("Screened 10,000 of 10,000 rows");
    }
}

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
        run.Error.ShouldContain($"{input}, line 5: date of birth '31/31/1980' is not a date");
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

/// <summary>Issue #19: batch input that cannot be read as written fails loudly, naming the line; nothing is screened in part.</summary>
public class BatchInputFailsClosedTests
{
    [Fact]
    public void AStrayQuote_IsAnErrorNamingItsLine_NotAMergeOfTheRowsAfterIt()
    {
        using var temp = new TempFolder();
        // Before the fix: "Screened 2 of 2 rows", exit 0, and the 998 Soleimanis after the stray quote were never screened.
        var input = temp.File("q.csv", "id,name\nc1,John Smith\nc2,\"Bob Jones\n" + string.Concat(Enumerable.Range(3, 998).Select(i => $"c{i},Qassem Soleimani\n")));
        var output = temp.File("r.jsonl", "earlier\n");
        var run = CliRun.Of("screen", "--input", input, "--output", output);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{input}, line 3: malformed CSV");
        File.ReadAllText(output).ShouldBe("earlier\n");
    }

    [Fact]
    public void AQuoteClosedRowsLater_IsAnErrorNamingWhereItOpened()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv", "id,name\nc1,\"Bob Jones\nc2,Qassem Soleimani\nc3,x\"\nc4,y\n");
        var run = CliRun.Of("screen", "--input", input);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{input}, line 2: a quoted field runs over 3 lines");
    }

    [Fact]
    public void AnUnquotedComma_IsAnError_NotANameCutShort()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv", "id,name\nc1,John Smith\nc2,SOLEIMANI, Qasem\n");
        var run = CliRun.Of("screen", "--input", input);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{input}, line 3: 3 fields where the header has 2");
    }

    [Fact]
    public void NoUsableNameInAnyRow_IsADataError()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv", "id,name\nc1,\nc2,  \n");
        var run = CliRun.Of("screen", "--input", input);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("none of its 2 row(s) has a name to screen");
        CliRun.Of("screen", "--input", temp.File("h.csv", "id,name\n")).ExitCode.ShouldBe(3);
    }

    [Fact]
    public void OutputOverTheInput_OrALinkToIt_IsRefused()
    {
        using var temp = new TempFolder();
        const string customers = "id,name\nc1,Qassem Soleimani\n";
        var input = temp.File("q.csv", customers);
        var run = CliRun.Of("screen", "--input", input, "--output", input);
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("is the input file");
        var link = System.IO.Path.Combine(temp.Path, "link.csv");
        File.CreateSymbolicLink(link, input);
        CliRun.Of("screen", "--input", input, "--output", link).ExitCode.ShouldBe(2);
        File.ReadAllText(input).ShouldBe(customers);
    }

    [Fact]
    public void InvalidUtf8_IsScreenedWithAWarningNamingTheLine()
    {
        using var temp = new TempFolder();
        var input = System.IO.Path.Combine(temp.Path, "q.csv");
        File.WriteAllBytes(input, [.. Encoding.ASCII.GetBytes("id,name\nc1,Qassem Soleimani\nc2,Jos"), 0xE9, .. Encoding.ASCII.GetBytes(" Smith\n")]);
        var run = CliRun.Of("screen", "--input", input);
        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldContain($"{input}, line 3: bytes that are not valid UTF-8");
        run.Output.ShouldContain("ofac-sdn:10481");
    }

    [Theory]
    [InlineData("utf-8 with BOM")]
    [InlineData("utf-16 LE with BOM")]
    [InlineData("utf-16 BE with BOM")]
    public void UnicodeEncodingsWithAByteOrderMark_AreRead(string encoding)
    {
        using var temp = new TempFolder();
        var input = System.IO.Path.Combine(temp.Path, "q.csv");
        Encoding e = encoding switch
        {
            "utf-8 with BOM" => new UTF8Encoding(true),
            "utf-16 LE with BOM" => new UnicodeEncoding(false, true),
            _ => new UnicodeEncoding(true, true),
        };
        File.WriteAllBytes(input, [.. e.GetPreamble(), .. e.GetBytes("id,name\nc1,قاسم سلیمانی\nc2,Qassem Soleimani\n")]);
        var run = CliRun.Of("screen", "--input", input);
        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(l => l.Contains("ofac-sdn:10481"));
        run.Error.ShouldNotContain("UTF-8");
    }
}

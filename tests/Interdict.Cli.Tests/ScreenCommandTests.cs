using System.Text.Json;

namespace Interdict.Cli.Tests;

public class ScreenCommandTests
{
    [Fact]
    public void Screen_Soleimani_Json_Finds10481First()
    {
        var run = CliRun.Of("screen", "Qassem Soleimani", "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var hit = doc.RootElement.GetProperty("hits")[0];
        hit.GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
        hit.GetProperty("list").GetString().ShouldBe("ofac-sdn");
        hit.GetProperty("name").GetString().ShouldBe("SOLEIMANI, Qasem");
        hit.GetProperty("score").GetDouble().ShouldBeGreaterThanOrEqualTo(0.85);
        hit.GetProperty("explanation").GetProperty("algorithm").GetString().ShouldBe("interdict-name");
        doc.RootElement.GetProperty("lists")[0].GetProperty("publication_date").GetString().ShouldBe("2024-05-03");
    }

    [Fact]
    public void Screen_Soleimani_ScreensEveryBundledList_AndShowsOneAlertForHisLinkedRecords_WithoutLoadNotes()
    {
        var json = CliRun.Of("screen", "Qassem Soleimani", "--format", "json");
        using var doc = JsonDocument.Parse(json.Output);
        doc.RootElement.GetProperty("lists").EnumerateArray().Select(l => l.GetProperty("list").GetString()).ShouldBe(["ofac-sdn", "ofac-cons", "un", "uk-ofsi", "uk-fcdo"]);
        var hits = doc.RootElement.GetProperty("hits").EnumerateArray().ToList();
        // His OFAC and UN records, and un:IRi.040: Ghasem Soleymani, another man whose name romanises the same way. OFSI's
        // list of 2025-04-14 no longer holds them; the FCDO's of 2025-11-19 does, as UN designations (INU0398, INU0399)
        // of groups newer than that list, linked to the UN's records by name and screened through them.
        hits.Select(h => h.GetProperty("entity_id").GetString()).ShouldBe(["ofac-sdn:10481", "un:IRi.039", "un:IRi.040"], ignoreOrder: true);
        var sameParty = hits[0].GetProperty("same_party").EnumerateArray().ToList();
        sameParty.Select(p => p.GetProperty("entity_id").GetString()).ShouldBe(["un:IRi.039", "uk-fcdo:INU0398"], ignoreOrder: true);
        sameParty.ShouldAllBe(p => p.GetProperty("reason").GetString()!.Length > 0);

        // Issue #22: the hits and the versions used, not the bundled files' load notes (orphan rows), which --verbose
        // and 'interdict lists' show.
        var table = CliRun.Of("screen", "Qassem Soleimani");
        table.Console.ShouldContain("2 alert(s), 3 hit(s)");
        table.Console.ShouldContain("same party:");
        table.Console.ShouldContain("uk-fcdo: 5,666 entities, published 2025-11-19");
        table.Console.ShouldNotContain("note:");
        CliRun.Of("screen", "Qassem Soleimani", "--verbose").Console.ShouldContain("note: 2460 of 20107 alias row(s) in alt.csv skipped");
    }

    [Fact]
    public void Screen_GholamrezaSoleimani_OnlyOnTheFcdoList_FindsHisDesignation_SayingItIsNamesOnly()
    {
        var run = CliRun.Of("screen", "Gholamreza Soleimani", "--lists", "uk-fcdo", "--format", "json");
        using var doc = JsonDocument.Parse(run.Output);
        var hit = doc.RootElement.GetProperty("hits").EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("entity_id").GetString().ShouldBe("uk-fcdo:IRN0082");
        hit.GetProperty("explanation").GetProperty("facts").EnumerateArray().ShouldContain(f => f.GetProperty("feature").GetString() == "names_only");
    }

    [Fact]
    public void Screen_KataibHezbollah_Table_Shows11462()
    {
        var run = CliRun.Of("screen", "Kataib Hezbollah");
        run.ExitCode.ShouldBe(0, run.Error);
        run.Console.ShouldContain("ofac-sdn:11462");
        run.Console.ShouldContain("KATA'IB HIZBALLAH");
        run.Console.ShouldContain("not a verdict");
    }

    [Fact]
    public void Screen_FailOnHit_ExitsOneOnHitAndZeroOtherwise()
    {
        CliRun.Of("screen", "Qassem Soleimani", "--fail-on-hit").ExitCode.ShouldBe(1);
        CliRun.Of("screen", "Margaret Thornbury", "--fail-on-hit").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Screen_ThresholdAndLimit_AreHonoured()
    {
        var run = CliRun.Of("screen", "Hizballah", "--threshold", "0.5", "--limit", "2", "--format", "json");
        using var doc = JsonDocument.Parse(run.Output);
        var hits = doc.RootElement.GetProperty("hits");
        hits.GetArrayLength().ShouldBe(2);
        hits.EnumerateArray().ShouldAllBe(h => h.GetProperty("score").GetDouble() >= 0.5);
    }

    [Theory]
    [InlineData("--threshold", "1.5", "--threshold '1.5'")]
    [InlineData("--limit", "0", "--limit '0'")]
    [InlineData("--lists", "eu-fsf", "unknown list 'eu-fsf'")]
    [InlineData("--format", "xml", "xml")]
    public void Screen_BadOptionValue_IsAUsageError(string option, string value, string message)
    {
        var run = CliRun.Of("screen", "Qassem Soleimani", option, value);
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
    }

    [Theory]
    [InlineData("--dob", "11/31/1957", "date of birth '11/31/1957' is not a date")]
    [InlineData("--type", "ship-ish", "type 'ship-ish' is not one of")]
    public void Screen_FactNotUnderstood_IsIgnoredWithTheApisWarning(string option, string value, string message)
    {
        // One policy for every door (issue #21): what cannot be read is ignored with a warning, and the name is still screened.
        var run = CliRun.Of("screen", "Qassem Soleimani", option, value, "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        doc.RootElement.GetProperty("warnings").EnumerateArray().ShouldContain(w => w.GetString()!.StartsWith(message, StringComparison.Ordinal));
        doc.RootElement.GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
    }

    [Fact]
    public void Screen_DobWrittenOut_IsReadAsTheApiReadsIt()
    {
        // Issue #21: '11 Mar 1957' was refused by the CLI but taken by the API and the batch reader.
        var run = CliRun.Of("screen", "Qassem Soleimani", "--dob", "11 Mar 1957", "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var hit = doc.RootElement.GetProperty("hits")[0];
        hit.GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
        hit.GetProperty("explanation").GetProperty("facts").EnumerateArray().ShouldContain(f => f.GetProperty("feature").GetString() == "date_of_birth" && f.GetProperty("effect").GetDouble() > 0);
    }

    [Fact]
    public void Screen_NoNameAndNoInput_IsAUsageError()
    {
        var run = CliRun.Of("screen");
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("give a NAME");
    }

    [Fact]
    public void Screen_UnknownOption_IsAUsageError() => CliRun.Of("screen", "X", "--colour", "red").ExitCode.ShouldBe(2);

    [Fact]
    public void Screen_DobAndCountry_ChangeTheScoreAndSaySo()
    {
        var run = CliRun.Of("screen", "Qassem Soleimani", "--dob", "1957-03-11", "--country", "Iranian", "--type", "person", "--format", "json");
        using var doc = JsonDocument.Parse(run.Output);
        var facts = doc.RootElement.GetProperty("hits")[0].GetProperty("explanation").GetProperty("facts").EnumerateArray()
            .Select(f => f.GetProperty("feature").GetString()).ToList();
        facts.ShouldBe(["kind", "date_of_birth", "country"], ignoreOrder: true);
    }

    [Fact]
    public void Screen_ListFileOnly_ScreensOnlyTheCustomList()
    {
        using var temp = new TempFolder();
        var watch = temp.File("house.csv", "id,name,type,aliases,dob,country\nh-1,Qasem Soleimani,person,Haj Qasem,1957,IR\n");
        var run = CliRun.Of("screen", "Qassem Soleimani", "--list-file", watch, "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var ids = doc.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("entity_id").GetString()).ToList();
        ids.ShouldBe(["house:h-1"]);
    }

    [Fact]
    public void Screen_ListFileWithLists_ScreensBoth()
    {
        using var temp = new TempFolder();
        var watch = temp.File("house.csv", "id,name\nh-1,Qasem Soleimani\n");
        var run = CliRun.Of("screen", "Qassem Soleimani", "--list-file", watch, "--lists", "ofac-sdn,house", "--format", "json");
        using var doc = JsonDocument.Parse(run.Output);
        var ids = doc.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("entity_id").GetString()).ToList();
        ids.ShouldContain("house:h-1");
        ids.ShouldContain("ofac-sdn:10481");
    }

    [Fact]
    public void Screen_MissingListFile_IsADataError()
    {
        var run = CliRun.Of("screen", "X", "--list-file", "/nonexistent/w.csv");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("/nonexistent/w.csv");
    }

    [Fact]
    public void Screen_InvalidListFile_IsADataErrorNamingFileAndLine()
    {
        using var temp = new TempFolder();
        var watch = temp.File("bad.csv", "id,name,dob\n1,A,1970\n2,B,not-a-date\n");
        var run = CliRun.Of("screen", "X", "--list-file", watch);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{watch}, line 3");
    }
}

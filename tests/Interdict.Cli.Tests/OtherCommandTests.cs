using System.Diagnostics;
using System.Text.Json;

namespace Interdict.Cli.Tests;

public class OtherCommandTests
{
    [Fact]
    public void Entity_10481_Json_HasTheFullRecord()
    {
        var run = CliRun.Of("entity", "ofac-sdn:10481", "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        var e = JsonDocument.Parse(run.Output).RootElement;
        e.GetProperty("name").GetString().ShouldBe("SOLEIMANI, Qasem");
        e.GetProperty("dates_of_birth")[0].GetProperty("text").GetString().ShouldBe("11 Mar 1957");
        e.GetProperty("documents")[0].GetProperty("number").GetString().ShouldBe("008827");
        e.GetProperty("source_records")[0].GetProperty("file").GetString().ShouldBe("sdn.csv");
    }

    [Fact]
    public void Entity_Table_ShowsSourceRecord()
    {
        var run = CliRun.Of("entity", "ofac-sdn:15037");
        run.ExitCode.ShouldBe(0, run.Error);
        run.Console.ShouldContain("9187655");
        run.Console.ShouldContain("Crude/Oil Products Tanker");
    }

    [Fact]
    public void Entity_Unknown_IsAUsageError() => CliRun.Of("entity", "ofac-sdn:0").ExitCode.ShouldBe(2);

    [Fact]
    public void Lists_Json_ShowsCountsByKindAndProgrammeAndSkippedRows()
    {
        var run = CliRun.Of("lists", "--format", "json");
        run.ExitCode.ShouldBe(0, run.Error);
        var list = JsonDocument.Parse(run.Output).RootElement[0];
        list.GetProperty("id").GetString().ShouldBe("ofac-sdn");
        list.GetProperty("entities").GetInt32().ShouldBe(14965);
        list.GetProperty("by_kind").GetProperty("vessel").GetInt32().ShouldBe(851);
        list.GetProperty("by_program").GetProperty("IRGC").GetInt32().ShouldBeGreaterThan(0);
        list.GetProperty("notices").EnumerateArray().ShouldContain(n => n.GetString()!.Contains("alias row(s)"));
    }

    [Fact]
    public void Lists_Table_ShowsPublicationDate()
    {
        var run = CliRun.Of("lists");
        run.Console.ShouldContain("2024-05-03");
        run.Console.ShouldContain("SDGT");
    }

    [Fact]
    public void BuiltTool_RunsFromAnyDirectory()
    {
        // The bundled data is embedded, so the tool needs no files beside the working directory.
        var dll = Path.Combine(AppContext.BaseDirectory, "interdict.dll");
        File.Exists(dll).ShouldBeTrue();
        var start = new ProcessStartInfo("dotnet", [dll, "screen", "Kataib Hezbollah", "--format", "json", "--fail-on-hit"])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(1);
        JsonDocument.Parse(output).RootElement.GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:11462");
    }

    [Fact]
    public void TableWrittenToAPipe_IsNotWrappedAt80Columns()
    {
        // Issue #22: 'interdict lists versions > v.txt' wrapped every cell at 80 columns.
        var dll = Path.Combine(AppContext.BaseDirectory, "interdict.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "lists", "versions", "--store", Path.Combine(Path.GetTempPath(), $"interdict-{Guid.NewGuid():N}.db")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n');
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
        // Each version on one line, whole: source, version, date and origin side by side.
        lines.ShouldContain(l => l.Contains("ofac-sdn", StringComparison.Ordinal) && l.Contains("2024-05-03", StringComparison.Ordinal) && l.Contains("shipped with Interdict", StringComparison.Ordinal));
        lines.Max(l => l.Length).ShouldBeGreaterThan(80);
    }
}

[CollectionDefinition("environment", DisableParallelization = true)]
public class EnvironmentVariablesGroup;

[Collection("environment")]
public class SettingsTests
{
    [Fact]
    public void Settings_BadThresholdInEnvironment_StopsWithAnErrorNamingTheKey()
    {
        Environment.SetEnvironmentVariable("INTERDICT__Screening__Threshold", "high");
        try
        {
            var run = CliRun.Of("screen", "Qassem Soleimani");
            run.ExitCode.ShouldBe(2);
            run.Error.ShouldContain("Screening:Threshold");
        }
        finally
        {
            Environment.SetEnvironmentVariable("INTERDICT__Screening__Threshold", null);
        }
    }

    [Fact]
    public void Settings_ThresholdFromEnvironment_IsUsed()
    {
        Environment.SetEnvironmentVariable("INTERDICT__Screening__Threshold", "0.99");
        try
        {
            var run = CliRun.Of("screen", "Qasim Sulaymani", "--format", "json");
            JsonDocument.Parse(run.Output).RootElement.GetProperty("hits").EnumerateArray()
                .ShouldAllBe(h => h.GetProperty("score").GetDouble() >= 0.99);
        }
        finally
        {
            Environment.SetEnvironmentVariable("INTERDICT__Screening__Threshold", null);
        }
    }
}

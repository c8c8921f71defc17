using System.Diagnostics;
using System.Text.Json;
using Interdict.Storage.Sqlite;

namespace Interdict.Cli.Tests;

public sealed class ListsStoreCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Store => _temp.File("lists.db");

    private string Un20251120()
    {
        var path = _temp.File("un-2025-11-20.xml");
        File.WriteAllBytes(path, Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"));
        return path;
    }

    private CliRun Run(params string[] args) => CliRun.Of([.. args, "--store", Store]);

    [Fact]
    public void Import_ThenVersions_ShowsTheStoredVersionInForceBesideTheBundledSnapshot()
    {
        var import = Run("lists", "import", Un20251120(), "--source", "un", "--switch");
        import.ExitCode.ShouldBe(0, import.Error);
        import.Output.ShouldContain("Stored un v1: 1,000 entities, published 2025-11-20");
        import.Output.ShouldContain("now in force");

        var versions = Run("lists", "versions", "un", "--format", "json");
        versions.ExitCode.ShouldBe(0, versions.Error);
        var rows = JsonDocument.Parse(versions.Output).RootElement.EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("version").GetString()).ShouldBe(["bundled", "v1"]);
        rows[1].GetProperty("in_force").GetBoolean().ShouldBeTrue();
        rows[1].GetProperty("entities").GetInt32().ShouldBe(1000);
        rows[1].GetProperty("content_hash").GetString().ShouldBe("9743e2bb10eaa4b777d118c5b5755a21e32898aacc7ca235df6cf42337b937c6");
    }

    [Fact]
    public void Screen_UsesTheVersionInForce_AndAsOfPicksAnOlderOne()
    {
        Run("lists", "import", Un20251120(), "--source", "un", "--switch").ExitCode.ShouldBe(0);

        // SDi.007 was designated after 2025-11-20: absent from the stored version in force, present in the bundled 2026-02-27 one.
        var inForce = Run("lists", "--format", "json");
        var un = JsonDocument.Parse(inForce.Output).RootElement.EnumerateArray().Single(l => l.GetProperty("id").GetString() == "un");
        un.GetProperty("version").GetString().ShouldBe("v1");
        un.GetProperty("entities").GetInt32().ShouldBe(1000);

        var asOf = Run("screen", "Qasem Soleimani", "--lists", "un", "--as-of", "2025-12-01", "--format", "json");
        asOf.ExitCode.ShouldBe(0, asOf.Error);
        var doc = JsonDocument.Parse(asOf.Output).RootElement;
        doc.GetProperty("lists")[0].GetProperty("publication_date").GetString().ShouldBe("2025-11-20");
        doc.GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("un:IRi.039");

        var later = Run("screen", "Qasem Soleimani", "--lists", "un", "--as-of", "2026-03-01", "--format", "json");
        JsonDocument.Parse(later.Output).RootElement.GetProperty("lists")[0].GetProperty("publication_date").GetString().ShouldBe("2026-02-27");

        var tooEarly = Run("screen", "Qasem Soleimani", "--lists", "un", "--as-of", "2020-01-01");
        tooEarly.ExitCode.ShouldBe(2);
        tooEarly.Error.ShouldContain("no version of un published on or before 2020-01-01");
    }

    [Fact]
    public void Diff_Json_CountsAndNamesAddedRemovedAndChanged()
    {
        Run("lists", "import", Un20251120(), "--source", "un", "--switch").ExitCode.ShouldBe(0);
        var diff = Run("lists", "diff", "un", "2025-11-20", "bundled", "--format", "json");
        diff.ExitCode.ShouldBe(0, diff.Error);
        var doc = JsonDocument.Parse(diff.Output).RootElement;
        doc.GetProperty("counts").GetProperty("added").GetInt32().ShouldBe(4);
        doc.GetProperty("counts").GetProperty("removed").GetInt32().ShouldBe(1);
        doc.GetProperty("removed")[0].GetProperty("entity_id").GetString().ShouldBe("un:IQi.074");
        doc.GetProperty("changed").EnumerateArray().ShouldAllBe(c => c.GetProperty("changes").GetArrayLength() > 0);

        var table = Run("lists", "diff", "un", "v1", "bundled");
        table.Console.ShouldContain("4 added, 1 removed");
        table.Console.ShouldContain("un:SDi.007");
    }

    [Fact]
    public void Diff_UnknownVersion_IsAUsageError()
    {
        var run = Run("lists", "diff", "un", "v7", "bundled");
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("un has no stored version v7");
    }

    [Fact]
    public void Import_BrokenFile_NamesTheLine_AndStoresNothing()
    {
        var broken = _temp.File("broken.xml");
        File.WriteAllBytes(broken, Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz")[..300_000]);
        var run = Run("lists", "import", broken, "--source", "un");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("broken.xml, line");
        run.Error.ShouldContain("Nothing was stored");
        Run("lists", "versions", "un", "--format", "json").Output.ShouldNotContain("\"v1\"");
    }

    [Fact]
    public void Import_IntoAFileThatIsNotAListStore_IsADataErrorNamingTheFileOnce()
    {
        File.WriteAllText(Store, "this is not a SQLite database, but a file someone left here\n" + new string('x', 4096));
        var run = Run("lists", "import", Un20251120(), "--source", "un", "--switch");
        run.ExitCode.ShouldBe(3, run.Error);
        run.Error.ShouldContain($"{Store}: the list store cannot be opened");
        run.Error.Split(Store).Length.ShouldBe(2, run.Error);
        File.ReadAllText(Store).ShouldStartWith("this is not a SQLite database");
    }

    [Fact]
    public void Import_OfacCsv_TakesCompanionsFromBesideIt_AndNeedsAPublicationDate()
    {
        var folder = Path.Combine(_temp.Path, "sdn");
        Directory.CreateDirectory(folder);
        foreach (var f in new[] { "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv" })
        {
            File.Copy(Fixtures.PathOf($"ofac-sdn/2024-05-03/{f}"), Path.Combine(folder, f));
        }

        var undated = Run("lists", "import", Path.Combine(folder, "sdn.csv"), "--source", "ofac-sdn");
        undated.ExitCode.ShouldBe(3);
        undated.Error.ShouldContain("--published");

        var run = Run("lists", "import", Path.Combine(folder, "sdn.csv"), "--source", "ofac-sdn", "--published", "2024-05-03", "--force");
        run.ExitCode.ShouldBe(0, run.Error);
        run.Error.ShouldContain("Taking alt.csv from beside sdn.csv");
        var versions = JsonDocument.Parse(Run("lists", "versions", "ofac-sdn", "--format", "json").Output).RootElement;
        versions[1].GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldBe(["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]);
    }

    [Fact]
    public void History_WritesTableCsvJsonAndAChart()
    {
        Run("lists", "import", Un20251120(), "--source", "un", "--switch").ExitCode.ShouldBe(0);
        var bundled = _temp.File("un-2026-02-27.xml");
        File.WriteAllBytes(bundled, Lists.Bundled.BundledLists.Files("un")[0].Bytes);
        Run("lists", "import", bundled, "--source", "un").ExitCode.ShouldBe(0);

        var csv = Run("lists", "history", "--source", "un", "--program", "Sudan", "--format", "csv", "--chart", _temp.File("history.svg"));
        csv.ExitCode.ShouldBe(0, csv.Error);
        var lines = csv.Output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        lines[0].ShouldBe("source,version,publication_date,program,entities,added,removed");
        lines.ShouldContain("un,v2,2026-02-27,(all),1003,4,1");
        lines.ShouldContain(l => l.StartsWith("un,v2,2026-02-27,Sudan,", StringComparison.Ordinal) && l.EndsWith(",4,0", StringComparison.Ordinal));
        var svg = File.ReadAllText(_temp.File("history.svg"));
        svg.ShouldStartWith("<?xml");
        svg.ShouldContain("<svg");

        var png = Run("lists", "history", "--source", "un", "--chart", _temp.File("history.png"));
        png.ExitCode.ShouldBe(0, png.Error);
        File.ReadAllBytes(_temp.File("history.png"))[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
    }

    [Fact]
    public void History_OfTheRealSdnVersions_CountsIranIrgcAndSdgt_AndDrawsTheChart()
    {
        foreach (var date in new[] { "2024-02-20", "2024-02-23", "2024-05-02", "2024-05-03" })
        {
            var import = Run("lists", "import", SharedData.PathOf($"ofac-sdn/{date}/sdn.csv"), "--source", "ofac-sdn", "--published", date);
            import.ExitCode.ShouldBe(0, import.Error);
        }

        var chart = _temp.File("iran.png");
        var run = Run("lists", "history", "--program", "IRAN", "--program", "IRGC", "--program", "SDGT", "--format", "csv", "--chart", chart);
        run.ExitCode.ShouldBe(0, run.Error);
        var lines = run.Output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        lines.ShouldContain("ofac-sdn,v1,2024-02-20,IRGC,265,,");
        lines.ShouldContain("ofac-sdn,v3,2024-05-02,IRGC,293,28,0");
        lines.ShouldContain("ofac-sdn,v2,2024-02-23,(all),14484,553,0");
        lines.ShouldContain("ofac-sdn,v4,2024-05-03,(all),14965,0,8");
        lines.ShouldContain(l => l.StartsWith("ofac-sdn,v4,2024-05-03,IRAN,", StringComparison.Ordinal));
        File.ReadAllBytes(chart)[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        new FileInfo(chart).Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void History_WithNothingStored_SaysToImportFirst()
    {
        var run = Run("lists", "history", "--source", "ofac-sdn");
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("no stored versions of ofac-sdn");
    }

    [Fact]
    public void Update_FromALoopbackMirror_StoresTheVersion_AndABrokenOneFailsWithExitCode4()
    {
        using var server = new LoopbackServer();
        server.Files["consolidated.xml"] = new Reply(Lists.Bundled.BundledLists.Files("un")[0].Bytes);
        var ok = Run("lists", "update", "un", "--from", server.BaseUrl.ToString());
        ok.ExitCode.ShouldBe(0, ok.Error);
        ok.Output.ShouldContain("un: stored v1 (1,003 entities, published 2026-02-27) and switched to it");

        server.Files["consolidated.xml"] = new Reply(System.Text.Encoding.UTF8.GetBytes("<html>oops</html>"));
        var bad = Run("lists", "update", "un", "--from", server.BaseUrl.ToString());
        bad.ExitCode.ShouldBe(4);
        bad.Error.ShouldContain("The version in force is unchanged (v1, published 2026-02-27)");
    }

    [Fact]
    public void Import_KilledMidTransaction_LeavesTheStoreWithTheOldVersionInForce()
    {
        // A real process is killed while it writes the entity rows of its import (inside the transaction).
        Run("lists", "import", Un20251120(), "--source", "un", "--switch").ExitCode.ShouldBe(0);
        var bundled = _temp.File("un-2026-02-27.xml");
        File.WriteAllBytes(bundled, Lists.Bundled.BundledLists.Files("un")[0].Bytes);

        // The host injects the store's fault hook: it kills its own process after 500 entity rows.
        var host = Path.Combine(CrashHostFolder(), "Interdict.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet", [host, Store, bundled, "un", "500"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd().ShouldNotContain("Stored");
            process.WaitForExit();
            process.ExitCode.ShouldNotBe(0);
        }

        using var store = SqliteListStore.Open(Store);
        store.IntegrityCheck().ShouldBe("ok");
        store.Versions("un").Select(v => v.PublicationDate).ShouldBe([new DateOnly(2025, 11, 20)]);
        store.Current("un")!.Entities.ShouldBe(1000);
        store.Entities(store.Current("un")!.Id).Count.ShouldBe(1000);

        // The same import run to the end afterwards works.
        Run("lists", "import", bundled, "--source", "un").Output.ShouldContain("Stored un v");
    }

    // The crash host's build output, beside this test assembly's in the artifacts folder (bin/<project>/<configuration>).
    private static string CrashHostFolder()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var folder = Path.Combine(here.Parent!.Parent!.FullName, "Interdict.CrashHost", here.Name);
        File.Exists(Path.Combine(folder, "Interdict.CrashHost.dll")).ShouldBeTrue($"the crash host is not built at {folder}");
        return folder;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    // Issue #19: lists import must not replace a list with a fragment, a cut-off file or an older publication.
    private string SdnFile(string name, byte[] bytes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, name)).FullName;
        var path = Path.Combine(folder, "sdn.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Import_TheFirstLineAlone_IsRefusedByTheDropCheck_AndNothingIsStored()
    {
        var sdn = Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv");
        var run = Run("lists", "import", SdnFile("first-line", sdn[..(Array.IndexOf(sdn, (byte)'\n') + 1)]), "--source", "ofac-sdn", "--published", "2024-05-04");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("the new file has 1 entities, 14,964 fewer than the 14,965 of the version in force (bundled");
        run.Error.ShouldContain("Nothing was stored");
        JsonDocument.Parse(Run("lists", "versions", "ofac-sdn", "--format", "json").Output).RootElement.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public void Import_AFileCutOffInsideAQuotedField_IsAnErrorNamingTheLine()
    {
        var sdn = Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv");
        // Cut in the middle of the last record's quoted remarks (before the fix: imported, the last record's text cut off); the remarks field opens at "remarks".
        var end = Array.LastIndexOf(sdn, (byte)'"'); // the last record's closing quote (before CR LF and OFAC's 0x1A)
        var lastLine = Array.LastIndexOf(sdn, (byte)'\n', end) + 1;
        var remarks = Array.LastIndexOf(sdn, (byte)'"', end - 1);
        remarks.ShouldBeGreaterThan(lastLine);
        var cut = sdn[..(remarks + 10)];
        var lineNumber = sdn[..lastLine].Count(b => b == (byte)'\n') + 1;
        var run = Run("lists", "import", SdnFile("cut", cut), "--source", "ofac-sdn", "--published", "2024-05-04", "--force");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"sdn.csv, line {lineNumber}");
        run.Error.ShouldContain("a quoted field is left open at the end of the file");
    }

    [Fact]
    public void Import_RepeatedIds_IsAClearError_NotACrash()
    {
        var sdn = Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv").Where(b => b != 0x1A).ToArray();
        var lines = sdn.Count(b => b == (byte)'\n');
        var run = Run("lists", "import", SdnFile("twice", [.. sdn, .. sdn]), "--source", "ofac-sdn", "--published", "2024-05-04", "--force");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"sdn.csv, line {lines + 1}");
        run.Error.ShouldContain("is repeated (first on line 1)");
    }

    [Fact]
    public void Import_AnOlderPublication_IsStoredButNotPutInForce_AndSwitchPutsItInForce()
    {
        var run = Run("lists", "import", Un20251120(), "--source", "un");
        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("not in force: bundled, published 2026-02-27, is newer (--switch puts this one in force)");
        Run("lists", "import", Un20251120(), "--source", "un", "--switch").Output.ShouldContain("it is in force");
    }

    [Fact]
    public void Import_AFileOverTheSizeLimit_IsRefusedBeforeItIsRead()
    {
        var sdn = Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv");
        var run = Run("lists", "import", SdnFile("big", [.. Enumerable.Repeat((byte)' ', (1024 * 1024) + 1)]), "--source", "ofac-sdn", "--published", "2024-05-04", "--max-file-mb", "1");
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain("is more than the import limit of 1 MB per file (--max-file-mb)");
        sdn.Length.ShouldBeLessThan(1024 * 1024);
        Run("lists", "import", SdnFile("small", sdn), "--source", "ofac-sdn", "--published", "2024-05-04", "--max-file-mb", "1", "--force").ExitCode.ShouldBe(0);
    }
}

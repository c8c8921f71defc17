using System.Text.Json;

namespace Interdict.Cli.Tests;

/// <summary><c>lists import FILE --source ftm:NAME</c>: a FollowTheMoney entities file imported, then screened by default beside the official lists.</summary>
public sealed class FtmImportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Store => _temp.File("lists.db");

    private CliRun Run(params string[] args) => CliRun.Of([.. args, "--store", Store]);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Import_ThenScreen_FindsTheFtmPartiesBesideTheOfficialLists()
    {
        var import = Run("lists", "import", Fixtures.PathOf("ftm/entities.ftm.json"), "--source", "ftm:fixture");
        import.ExitCode.ShouldBe(0, import.Error);
        import.Output.ShouldContain("Stored ftm:fixture v1: 5 entities, published 2025-06-01");
        import.Output.ShouldNotContain("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"); // the hash of nothing
        import.Output.ShouldMatch("(?s).*sha256 [0-9a-f]{64}.*");
        import.Error.ShouldContain("11 lines");
        import.Error.ShouldContain("kept 9");
        import.Error.ShouldContain("left out (not screened): 1 Address, 1 Ownership");
        import.Error.ShouldContain("1 party has no name");

        // Screened by default once imported, beside the bundled official lists.
        var screen = Run("screen", "Ghasem Soleimani", "--format", "json");
        screen.ExitCode.ShouldBe(0, screen.Error);
        var doc = JsonDocument.Parse(screen.Output).RootElement;
        doc.GetProperty("lists").EnumerateArray().Select(l => l.GetProperty("list").GetString()).ShouldContain("ftm:fixture");
        var ids = doc.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("entity_id").GetString()).ToList();
        ids.ShouldContain("ftm:fixture:fx-soleimani");
        ids.ShouldContain("ofac-sdn:10481");

        var only = Run("screen", "Ark III (IMO 9187655)", "--lists", "ftm:fixture", "--format", "json");
        JsonDocument.Parse(only.Output).RootElement.GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("ftm:fixture:fx-ark");

        var entity = Run("entity", "ftm:fixture:fx-soleimani", "--format", "json");
        entity.ExitCode.ShouldBe(0, entity.Error);
        JsonDocument.Parse(entity.Output).RootElement.GetProperty("programs").EnumerateArray().Select(p => p.GetString()).ShouldContain("IRGC");

        var versions = Run("lists", "versions", "--format", "json");
        JsonDocument.Parse(versions.Output).RootElement.EnumerateArray().ShouldContain(r => r.GetProperty("source").GetString() == "ftm:fixture" && r.GetProperty("in_force").GetBoolean());
    }

    [Fact]
    public void Import_BrokenLine_StoresNothingAndNamesTheLine()
    {
        var lines = File.ReadAllLines(Fixtures.PathOf("ftm/entities.ftm.json"));
        var broken = _temp.File("broken.ftm.json", string.Join('\n', lines[..3]) + "\n{\"id\": \"cut\", \"schema\": \"Pers\n");
        var run = Run("lists", "import", broken, "--source", "ftm:fixture");
        run.ExitCode.ShouldNotBe(0);
        run.Error.ShouldContain("broken.ftm.json");
        run.Error.ShouldContain("line 4");
        run.Error.ShouldContain("Nothing was stored");
        Run("lists", "versions", "--format", "json").Output.ShouldNotContain("ftm:fixture");
    }

    [Theory]
    [InlineData("ftm:Open Sanctions", "is not an FtM source")]
    [InlineData("eu-fsf", "unknown source 'eu-fsf'")]
    public void Import_BadSourceId_IsAUsageError(string source, string message)
    {
        var run = Run("lists", "import", Fixtures.PathOf("ftm/entities.ftm.json"), "--source", source);
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(message);
    }

    [Fact]
    public void Screen_FtmListNeverImported_IsAUsageError()
    {
        var run = Run("screen", "Qasem Soleimani", "--lists", "ftm:never");
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("ftm:never has no version in the list store");
    }
}

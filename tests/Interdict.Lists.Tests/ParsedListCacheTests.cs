using System.Text.Json;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests;

public sealed class ParsedListCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interdict-cache-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Every field of every entity, source records included: two lists with the same JSON hold the same data.
    private static string Json(WatchList list) => JsonSerializer.Serialize(list);

    [Theory]
    [InlineData("ofac-sdn", "ofac-sdn/2024-05-03/sdn.csv")]
    [InlineData("un", "un/2026-02-27/consolidated.xml")]
    [InlineData("uk-ofsi", "uk-ofsi/2018-04-13/sanctionsconlist.csv")]
    public void GetOrRead_SecondTime_ReturnsTheSameListWithoutParsing(string source, string file)
    {
        var parses = 0;
        WatchList Parse()
        {
            parses++;
            return Fixtures.Read(source, file);
        }

        var first = ParsedListCache.GetOrRead(source, ["hash-1"], Parse, _folder);
        var second = ParsedListCache.GetOrRead(source, ["hash-1"], Parse, _folder);

        parses.ShouldBe(1);
        Json(second).ShouldBe(Json(first));
        second.Entities.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void GetOrRead_OtherFileHashes_ParseAgain()
    {
        var parses = 0;
        ParsedListCache.GetOrRead("un", ["2025-11-20"], () => { parses++; return ListSources.Read("un", [new ListFileContent("consolidated.xml", Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"))]); }, _folder);
        var newer = ParsedListCache.GetOrRead("un", ["2026-02-27"], () => { parses++; return Fixtures.Read("un", "un/2026-02-27/consolidated.xml"); }, _folder);

        parses.ShouldBe(2);
        newer.PublicationDate.ShouldBe(new DateOnly(2026, 2, 27));
    }

    [Fact]
    public void GetOrRead_DamagedEntry_IsParsedAgainAndReplaced()
    {
        var parses = 0;
        WatchList Parse()
        {
            parses++;
            return Fixtures.OfacSdn();
        }

        var original = ParsedListCache.GetOrRead("ofac-sdn", ["h"], Parse, _folder);
        var entry = Directory.GetFiles(Path.Combine(_folder, "parsed")).Single();
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);

        var reread = ParsedListCache.GetOrRead("ofac-sdn", ["h"], Parse, _folder);

        parses.ShouldBe(2);
        Json(reread).ShouldBe(Json(original));
        File.ReadAllBytes(entry).Length.ShouldBe(bytes.Length);
    }

    [Fact]
    public void GetOrRead_NoFolder_AlwaysParses()
    {
        var parses = 0;
        ParsedListCache.GetOrRead("ofac-sdn", ["h"], () => { parses++; return Fixtures.OfacSdn(); }, folder: null);
        ParsedListCache.GetOrRead("ofac-sdn", ["h"], () => { parses++; return Fixtures.OfacSdn(); }, folder: null);
        parses.ShouldBe(2);
    }
}

using System.Text;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Custom;

namespace Interdict.Lists.Tests;

/// <summary>
/// Issue #19's encoding tests: OFAC's CSV files are Windows-1252 (accented names must come out as written, and be found
/// by their plain spelling); custom watchlists are UTF-8 with or without a byte-order mark, or UTF-16 with one.
/// </summary>
public class EncodingTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [Fact]
    public void OfacCsvInWindows1252_KeepsAccentedNames_AndTheyAreFoundByTheirPlainSpelling()
    {
        var row = "906,\"MUÑOZ GARCÍA, José Ángel\",\"individual\",\"SDNTK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 03 Feb 1965.\"\r\n";
        var list = ListSources.Read("ofac-sdn", [new ListFileContent("sdn.csv", Windows1252.GetBytes(row), new DateOnly(2024, 5, 3))]);
        var entity = list.Entities.ShouldHaveSingleItem();
        entity.Name.ShouldBe("MUÑOZ GARCÍA, José Ángel");
        new ScreeningEngine([list]).Screen(new ScreeningQuery { Name = "Jose Angel Munoz Garcia" }).Hits.ShouldContain(h => h.EntityId == "ofac-sdn:906");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8 with BOM")]
    [InlineData("utf-16 LE with BOM")]
    [InlineData("utf-16 BE with BOM")]
    public void CustomWatchlists_InUnicodeEncodings_AreReadAsWritten(string encoding)
    {
        Encoding e = encoding switch
        {
            "utf-8" => new UTF8Encoding(false),
            "utf-8 with BOM" => new UTF8Encoding(true),
            "utf-16 LE with BOM" => new UnicodeEncoding(false, true),
            _ => new UnicodeEncoding(true, true),
        };
        var csv = "id,name,aliases\nw1,Ömer Çelik,عمر جليك\nw2,Łukasz Żółć,\n";
        var list = CustomListReader.Read(new MemoryStream([.. e.GetPreamble(), .. e.GetBytes(csv)]), "watch.csv", "watch");
        list.Entities.Select(x => x.Name).ShouldBe(["Ömer Çelik", "Łukasz Żółć"]);
        list.Entities[0].Names.Select(n => n.Value).ShouldContain("عمر جليك");
    }

    [Fact]
    public void ACustomWatchlistWithAQuoteLeftOpen_IsAnErrorNamingTheLine_NotAMergeOfRows()
    {
        var csv = "id,name\nw1,\"Qassem Soleimani\nw2,Kataib Hezbollah\nw3,Hizballah\n";
        var error = Should.Throw<Core.ListFormatException>(() => CustomListReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "watch.csv", "watch"));
        error.Message.ShouldContain("watch.csv");
        error.Message.ShouldContain("malformed CSV");
    }
}

using System.Text;
using Interdict.Core;
using Interdict.Core.Matching;
using Interdict.Core.Model;

namespace Interdict.Lists.Tests.Fictional;

/// <summary>Issue #21: adding a list source touches its folder and one catalogue line; everything shared comes with it.</summary>
public sealed class AtlantisSourceTests
{
    // The one line: the built-in sources and the new one.
    private static readonly SourceCatalog Catalog = new([.. ListSources.BuiltIn, new AtlantisSource()]);

    private static ListFileContent File(string text) => new("list.tsv", Encoding.UTF8.GetBytes(text), new DateOnly(2026, 11, 30));

    [Fact]
    public void NewSource_IsFoundReadAndScreened_WithWhatEverySourceShares()
    {
        Catalog.Ids.ShouldContain(AtlantisSource.Id);
        Catalog.IsKnown("atlantis").ShouldBeTrue();
        Catalog.Find("atlantis").Downloads.ShouldHaveSingleItem().Name.ShouldBe("list.tsv");
        // The built-in sources are still there, and the built-in catalogue does not know the new one.
        Catalog.Find("ofac-sdn").Source.ShouldBe(ListSources.Get("ofac-sdn"));
        ListSources.IsKnown("atlantis").ShouldBeFalse();

        var list = Catalog.Read("atlantis", [File("A-1\tperson\tCaptain NEMO\tPrince Dakkar\nA-2\tvessel\tNAUTILUS\n")]);
        list.PublicationDate.ShouldBe(new DateOnly(2026, 11, 30));
        list.Entities.Select(e => e.Id).ShouldBe(["atlantis:A-1", "atlantis:A-2"]);
        new ScreeningEngine([list]).Screen(new ScreeningQuery { Name = "Prince Dakar" }).Hits[0].EntityId.ShouldBe("atlantis:A-1");
    }

    [Fact]
    public void NewSource_GetsTheSharedChecks_EmptyFilesRepeatedIdsAndZipArchives()
    {
        Should.Throw<ListFormatException>(() => Catalog.Read("atlantis", [new ListFileContent("list.tsv", [])])).Message.ShouldContain("the file is empty");
        Should.Throw<ListFormatException>(() => Catalog.Read("atlantis", [File("A-1\tperson\tNEMO\nA-1\tperson\tNEMO\n")])).Message.ShouldContain("published twice");
        Should.Throw<ListFormatException>(() => Catalog.Read("atlantis", [File("A-1\tdragon\tNEMO\n")])).Line.ShouldBe(1);

        using var zipped = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("list.tsv").Open();
            stream.Write(Encoding.UTF8.GetBytes("A-1\tperson\tCaptain NEMO\n"));
        }

        Catalog.Read("atlantis", [new ListFileContent("LIST.ZIP", zipped.ToArray(), new DateOnly(2026, 11, 30))]).Entities.ShouldHaveSingleItem().Name.ShouldBe("Captain NEMO");
    }
}

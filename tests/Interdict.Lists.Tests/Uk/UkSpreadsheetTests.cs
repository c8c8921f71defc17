using System.IO.Compression;
using Interdict.Core;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Uk;

/// <summary>
/// Issue #22: OFSI's ConList.xlsx (2022 layout) and the FCDO's UK Sanctions List summary export (.ods), on fixtures
/// trimmed from the real files of 2025-04-14 and 2025-11-19 (Fixtures/make-uk-fixtures.py).
/// </summary>
public class UkSpreadsheetTests
{
    private const string Xlsx = "uk-ofsi/2025-04-14/ConList.xlsx";
    private const string Ods = "uk-fcdo/2025-11-19/FCDO_SL_summary.ods";

    private static readonly WatchList Ofsi = Fixtures.Read("uk-ofsi", Xlsx);
    private static readonly WatchList Fcdo = ListSources.Read("uk-fcdo", [new ListFileContent("FCDO_SL_summary.ods", File.ReadAllBytes(Fixtures.PathOf(Ods)), new DateOnly(2025, 11, 19))]);

    [Fact]
    public void Xlsx_TakesTheDateFromCellB1_AndGroupsRowsByGroupId()
    {
        Ofsi.PublicationDate.ShouldBe(new DateOnly(2025, 4, 14));
        Ofsi.Entities.Select(e => e.Id).Order(StringComparer.Ordinal).ShouldBe(["uk-ofsi:13651", "uk-ofsi:14241", "uk-ofsi:15599"]);
        var soleimani = Ofsi.Entities.Single(e => e.SourceId == "15599");
        soleimani.Name.ShouldBe("SOLEIMANI, Gholamreza");
        soleimani.Kind.ShouldBe(EntityKind.Person);
        soleimani.DatesOfBirth.Select(d => d.From).ShouldBe([new PartialDate(1965), new PartialDate(1964)]);
        soleimani.ListedOn.ShouldBe(new DateOnly(2022, 10, 10));
        // Every row kept for audit, by the sheet's row number and the header's column names.
        soleimani.SourceRecords.Count.ShouldBe(3);
        soleimani.SourceRecords[0].Fields.ShouldContain(f => f.Key == "Name Non-Latin Script");
    }

    [Fact]
    public void Xlsx_NameInItsOwnScript_IsAnAlias_AndAShipIsAVessel()
    {
        Ofsi.Entities.Single(e => e.SourceId == "14241").Names.ShouldContain(n => n.Value == "Хизри Магомедович Абакаров" && n.Type == NameType.Aka);
        var ship = Ofsi.Entities.Single(e => e.SourceId == "13651");
        ship.Kind.ShouldBe(EntityKind.Vessel);
        ship.Name.ShouldBe("SAM JONG 2");
        ship.Documents.ShouldContain(d => d.Kind == DocumentKind.Imo && d.Number == "7408873");
        ship.Names.Count.ShouldBe(9); // the primary name and eight former names (AKTIVA ... YU_JONG_3)
    }

    [Fact]
    public void Xlsx_CutOff_IsRefusedNamingTheFile()
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf(Xlsx));
        var e = Should.Throw<ListFormatException>(() => ListSources.Read("uk-ofsi", [new ListFileContent("ConList.xlsx", bytes[..(bytes.Length / 2)])]));
        e.File.ShouldStartWith("ConList.xlsx");
    }

    [Fact]
    public void Xlsx_WithoutOfsiColumns_IsRefusedNamingSheetAndRow()
    {
        var bytes = Rewrite(File.ReadAllBytes(Fixtures.PathOf(Xlsx)), "xl/sharedStrings.xml", x => x.Replace("<t>Group ID</t>", "<t>Grp</t>", StringComparison.Ordinal));
        var e = Should.Throw<ListFormatException>(() => ListSources.Read("uk-ofsi", [new ListFileContent("ConList.xlsx", bytes)]));
        e.File.ShouldBe("ConList.xlsx, sheet 'Data'");
        e.Line.ShouldBe(2);
        e.Problem.ShouldContain("'Group ID'");
    }

    [Fact]
    public void Ods_OneEntityPerDesignation_NamesOnly_WithItsOfsiGroup()
    {
        Fcdo.PublicationDate.ShouldBe(new DateOnly(2025, 11, 19));
        Fcdo.Entities.Count.ShouldBe(7);
        var soleimani = Fcdo.Entities.Single(e => e.Id == "uk-fcdo:IRN0082");
        soleimani.Name.ShouldBe("SOLEIMANI Gholamreza");
        soleimani.Kind.ShouldBe(EntityKind.Person);
        soleimani.Programs.ShouldBe(["Iran"]);
        soleimani.ListedOn.ShouldBe(new DateOnly(2022, 10, 10));
        soleimani.OtherFacts.ShouldContain("OFSI Group ID 15599");
        soleimani.OtherFacts[0].ShouldStartWith("names only");
        Fcdo.Entities.Single(e => e.Id == "uk-fcdo:DPR0075").Kind.ShouldBe(EntityKind.Vessel);
        Fcdo.Entities.Single(e => e.Id == "uk-fcdo:AFG0001").OtherFacts.ShouldContain("Designation source: UN");
    }

    [Fact]
    public void Ods_WithoutADate_TakesTheLatestDesignation()
    {
        var list = ListSources.Read("uk-fcdo", [new ListFileContent("FCDO_SL_summary.ods", File.ReadAllBytes(Fixtures.PathOf(Ods)))]);
        list.PublicationDate.ShouldBe(new DateOnly(2022, 10, 10));
    }

    [Fact]
    public void Ods_BadType_IsRefusedNamingSheetAndLine()
    {
        var bytes = Rewrite(File.ReadAllBytes(Fixtures.PathOf(Ods)), "content.xml", x => x.Replace("<text:p>Individual</text:p>", "<text:p>Person</text:p>", StringComparison.Ordinal));
        var e = Should.Throw<ListFormatException>(() => ListSources.Read("uk-fcdo", [new ListFileContent("FCDO_SL_summary.ods", bytes)]));
        e.File.ShouldBe("FCDO_SL_summary.ods, sheet 'UK_Sanction_List'");
        e.Line.ShouldBe(2);
        e.RecordId.ShouldBe("IRN0082");
    }

    [Fact]
    public void Ods_EmptyCellsBetweenValues_KeepTheColumns_AndTrailingOnesAreDropped()
    {
        // A run of 100 empty cells before the header's last column: the column stays where the sheet puts it.
        var bytes = Rewrite(File.ReadAllBytes(Fixtures.PathOf(Ods)), "content.xml", x => ReplaceFirst(x, "<table:table-cell office:value-type=\"string\" table:style-name=\"ce4\">\n            <text:p>Sanctions Imposed</text:p>",
            "<table:table-cell table:number-columns-repeated=\"100\" /><table:table-cell office:value-type=\"string\" table:style-name=\"ce4\">\n            <text:p>Sanctions Imposed</text:p>"));
        var (sheet, rows) = Spreadsheets.SpreadsheetRows.ReadOds(new MemoryStream(bytes), "uk-fcdo", "FCDO_SL_summary.ods");
        sheet.ShouldBe("UK_Sanction_List");
        rows[0].Fields.Length.ShouldBe(108);
        rows[0].Fields[107].ShouldBe("Sanctions Imposed");
        // The sheet's 16,000 empty columns after the last value are not fields.
        rows[1].Fields.Length.ShouldBe(8);
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0);
        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    [Fact]
    public void FcdoRecord_IsScreenedThroughItsOfsiGroup_WhenBothAreScreened_ElseItselfSayingItIsNamesOnly()
    {
        var both = new ScreeningEngine([Ofsi, Fcdo]);
        var hit = both.Screen(new ScreeningQuery { Name = "Gholamreza Soleimani" }).Hits.ShouldHaveSingleItem();
        hit.EntityId.ShouldBe("uk-ofsi:15599");
        hit.SameParty.ShouldContain(p => p.EntityId == "uk-fcdo:IRN0082" && p.Reason == "OFSI group 15599");
        // A designation without an OFSI group (a ship the UN designated) is screened itself.
        both.Screen(new ScreeningQuery { Name = "Petrel 8" }).Hits.ShouldContain(h => h.EntityId == "uk-fcdo:DPR0075");
        // Only the FCDO list (or only it selected): its record, which says it carries names only.
        var alone = new ScreeningEngine([Fcdo]).Screen(new ScreeningQuery { Name = "Gholamreza Soleimani" }).Hits.ShouldHaveSingleItem();
        alone.EntityId.ShouldBe("uk-fcdo:IRN0082");
        alone.Explanation.Facts.ShouldContain(f => f.Feature == "names_only");
        both.Screen(new ScreeningQuery { Name = "Gholamreza Soleimani" }, new ScreeningOptions { Lists = new HashSet<string> { "uk-fcdo" } }).Hits.ShouldHaveSingleItem().EntityId.ShouldBe("uk-fcdo:IRN0082");
    }

    [Fact]
    public void FcdoUnDesignation_IsLinkedToTheUnRecordOfItsName_WordsInAnyOrder()
    {
        // AFG0001 (UN, 2025-11-19) against the UN's record of the same money exchange; a second UN record of the same
        // name would make the name ambiguous, and link nothing.
        var un = new WatchList
        {
            Id = "un",
            Title = "UN",
            Entities =
            [
                new Entity { Id = "un:TAe.010", ListId = "un", SourceId = "TAe.010", Kind = EntityKind.Organization, Name = "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE" },
                new Entity { Id = "un:TAe.012", ListId = "un", SourceId = "TAe.012", Kind = EntityKind.Organization, Name = "HAQQANI NETWORK (HQN)" },
                new Entity { Id = "un:TAe.099", ListId = "un", SourceId = "TAe.099", Kind = EntityKind.Organization, Name = "HQN Haqqani Network" },
            ],
        };
        var links = CrossListLinks.Build([.. un.Entities, .. Fcdo.Entities]);
        links.For("uk-fcdo:AFG0001").ShouldHaveSingleItem().EntityId.ShouldBe("un:TAe.010");
        links.For("uk-fcdo:AFG0003").ShouldBeEmpty();
        // A designation by the UK alone is not linked by name.
        links.For("uk-fcdo:IRN0082").ShouldBeEmpty();
    }

    [Fact]
    public void ZippedOfacXml_IsReadFromItsMember_AndADamagedArchiveIsRefused()
    {
        var xml = File.ReadAllBytes(Fixtures.PathOf("ofac-xml/2025-06-30/consolidated.xml"));
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var member = zip.CreateEntry("CONSOLIDATED.XML").Open();
            member.Write(xml);
        }

        var direct = ListSources.Read("ofac-cons", [new ListFileContent("consolidated.xml", xml)]);
        var fromZip = ListSources.Read("ofac-cons", [new ListFileContent("CONS.ZIP", zipped.ToArray())]);
        fromZip.Entities.Select(e => e.Id).ShouldBe(direct.Entities.Select(e => e.Id));
        fromZip.Files.ShouldHaveSingleItem().Name.ShouldBe("CONS.ZIP/CONSOLIDATED.XML");

        var damaged = zipped.ToArray();
        damaged[60] ^= 0xFF; // inside the compressed member
        Should.Throw<ListFormatException>(() => ListSources.Read("ofac-cons", [new ListFileContent("CONS.ZIP", damaged)])).File.ShouldStartWith("CONS.ZIP");
    }

    // The archive with one member's text rewritten.
    private static byte[] Rewrite(byte[] archive, string member, Func<string, string> change)
    {
        using var input = new ZipArchive(new MemoryStream(archive));
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
                writer.Write(entry.FullName == member ? change(text) : text);
            }
        }

        return output.ToArray();
    }
}

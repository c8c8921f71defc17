using System.Text;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Ofac;

public class OfacConsAndXmlTests
{
    [Fact]
    public void ConsCsv_UsesOfacConsIdsAndTheCompanionFiles()
    {
        var list = Fixtures.Read("ofac-cons", "ofac-cons/2025-12-19/cons_prim.csv", "ofac-cons/2025-12-19/cons_alt.csv",
            "ofac-cons/2025-12-19/cons_add.csv", "ofac-cons/2025-12-19/cons_comments.csv");
        list.Id.ShouldBe("ofac-cons");
        var haniya = list.Get("9639");
        haniya.Id.ShouldBe("ofac-cons:9639");
        haniya.Programs.ShouldBe(["NS-PLC"]);
        haniya.Names.ShouldContain(n => n.Value == "HANIYYA, Ismaeel");
        haniya.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1962));
        list.Get("17014").Documents.ShouldContain(d => d.Kind == DocumentKind.SwiftBic);
        list.Files.Select(f => f.Name).ShouldBe(["cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"]);
    }

    [Fact]
    public void LegacyXml_ReadsThePublishDateNamesIdsAndAddresses()
    {
        var list = Fixtures.Read("ofac-cons", "ofac-xml/2025-06-30/consolidated.xml");
        list.PublicationDate.ShouldBe(new DateOnly(2025, 6, 30));
        var haniya = list.Get("9639");
        haniya.Name.ShouldBe("HANIYA, Ismail Abdul Salah");
        haniya.Kind.ShouldBe(EntityKind.Person);
        haniya.Names.ShouldContain(n => n.Value == "HANIYYA, Ismaeel" && n.Type == NameType.Aka);
        haniya.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1962));
        haniya.PlacesOfBirth.ShouldBe(["Shati"]);
        list.Entities.ShouldContain(e => e.Documents.Count > 0);
        list.Entities.ShouldContain(e => e.Addresses.Count > 0);
    }

    [Fact]
    public void LegacyXml_AndCsv_OfTheSameParty_AgreeOnNamesAndDob()
    {
        var xml = Fixtures.Read("ofac-cons", "ofac-xml/2025-06-30/consolidated.xml").Get("9641");
        var csv = Fixtures.Read("ofac-cons", "ofac-cons/2025-12-19/cons_prim.csv", "ofac-cons/2025-12-19/cons_alt.csv").Get("9641");
        xml.Name.ShouldBe(csv.Name);
        xml.Names.Select(n => n.Value).ShouldBe(csv.Names.Select(n => n.Value), ignoreOrder: true);
        xml.DatesOfBirth[0].From.ShouldBe(csv.DatesOfBirth[0].From);
    }

    [Fact]
    public void EnhancedXml_Soleimani_HasProgramsAliasesDobAndDataAsOf()
    {
        var list = Fixtures.Read("ofac-sdn", "ofac-xml/2024-08-28/IRGC_sanctions.xml");
        list.PublicationDate.ShouldBe(new DateOnly(2024, 8, 28));
        var e = list.Get("10481");
        e.Id.ShouldBe("ofac-sdn:10481");
        e.Name.ShouldBe("SOLEIMANI, Qasem");
        e.Names[0].Type.ShouldBe(NameType.Primary);
        e.Programs.ShouldBe(["IFSR", "IRGC", "NPWMD", "SDGT", "SYRIA"]);
        e.Names.ShouldContain(n => n.Value == "SOLEYMANI, Ghasem" && n.Type == NameType.Aka);
        e.DatesOfBirth.ShouldContain(d => d.From == new PartialDate(1957, 3, 11));
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Passport && d.Number == "008827");
    }

    [Fact]
    public void EnhancedXml_ArabicScriptTranslation_IsAnAlias_AndAircraftAreAircraft()
    {
        var list = Fixtures.Read("ofac-sdn", "ofac-xml/2024-08-28/IRGC_sanctions.xml");
        list.Entities.ShouldContain(e => e.Names.Any(n => n.Origin == "Arabic script" && n.Value.Any(c => c >= '\u0600' && c <= '\u06FF')));
        list.Entities.ShouldContain(e => e.Kind == EntityKind.Aircraft);
    }

    [Fact]
    public void Xml_UnknownRoot_IsRefused()
    {
        var ex = Should.Throw<ListFormatException>(() => ListSources.Read("ofac-sdn", [new ListFileContent("sdn.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>"))]));
        ex.Message.ShouldContain("expected OFAC's <sdnList> or <sanctionsData>");
        ex.Line.ShouldBe(2);
    }
}

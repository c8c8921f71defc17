using System.Text;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Uk;

public class UkOfsiMapperTests
{
    private const string File = "uk-ofsi/2018-04-13/sanctionsconlist.csv";
    private static readonly WatchList List = Fixtures.Read("uk-ofsi", File);

    [Fact]
    public void Read_TakesThePublicationDateFromTheLastUpdatedLine() => List.PublicationDate.ShouldBe(new DateOnly(2018, 4, 13));

    [Fact]
    public void Read_GroupsRowsByGroupId_OneEntityPerGroup() => List.Entities.Select(e => e.Id).Order(StringComparer.Ordinal)
        .ShouldBe(["uk-ofsi:12274", "uk-ofsi:13188", "uk-ofsi:13349", "uk-ofsi:13556", "uk-ofsi:9062"]);

    [Fact]
    public void Read_Soleimani_HasEveryRegimeDobPassportAndTheUnReference()
    {
        var e = List.Get("9062");
        e.Kind.ShouldBe(EntityKind.Person);
        e.Name.ShouldBe("SOLEIMANI, Qasem");
        e.Programs.ShouldBe(["Iran (nuclear proliferation)", "Syria", "Terrorism and Terrorist Financing"], ignoreOrder: true);
        e.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1957, 3, 11));
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Passport && d.Number == "008827");
        e.OtherFacts.ShouldContain(o => o.Contains("UN Ref IRi.039", StringComparison.Ordinal));
        e.PlacesOfBirth.ShouldBe(["Qom, Iran"]);
        e.ListedOn.ShouldBe(new DateOnly(2007, 3, 24));
        e.SourceRecords.Count.ShouldBe(33); // 11 spellings x 3 regimes, every row kept for audit
    }

    [Fact]
    public void Read_ZeroDayAndMonth_IsAYearOnlyDate_AndEachDistinctDobIsKept()
    {
        var dobs = List.Get("13349").DatesOfBirth;
        dobs.Select(d => d.From).ShouldBe([new PartialDate(1980), new PartialDate(1981)]);
        List.Get("13349").Names.ShouldContain(n => n.Value == "AL-QAHTANI, Sheikh Farooq");
    }

    [Fact]
    public void Read_NumberedPassports_AreSeparateDocuments_AndSpellingsAreAliases()
    {
        var e = List.Get("12274");
        e.Name.ShouldBe("AGHAJANI, Azim");
        e.Names.ShouldContain(n => n.Value == "ADHAJANI, Azim" && n.Type == NameType.Aka);
        e.Documents.Select(d => d.Number).ShouldBe(["6620505", "9003213"], ignoreOrder: true);
    }

    [Fact]
    public void Read_EntityWithImo_IsAVessel() =>
        List.Get("13556").ShouldSatisfyAllConditions(
            e => e.Kind.ShouldBe(EntityKind.Vessel),
            e => e.Documents.ShouldContain(d => d.Kind == DocumentKind.Imo && d.Number == "8937675"));

    [Fact]
    public void Read_NoLastUpdatedLine_IsRefused()
    {
        var lines = Encoding.Latin1.GetString(Fixtures.Bytes(File)).Split('\n');
        var ex = Should.Throw<ListFormatException>(() => ListSources.Read("uk-ofsi", [new ListFileContent("ConList.csv", Encoding.Latin1.GetBytes(string.Join('\n', lines.Skip(1))))]));
        ex.Line.ShouldBe(1);
        ex.Message.ShouldContain("Last Updated");
    }

    [Fact]
    public void Read_ShortRow_NamesTheLine()
    {
        var lines = Encoding.Latin1.GetString(Fixtures.Bytes(File)).Split('\n');
        lines[3] = "SOMEONE,,,";
        var ex = Should.Throw<ListFormatException>(() => ListSources.Read("uk-ofsi", [new ListFileContent("ConList.csv", Encoding.Latin1.GetBytes(string.Join('\n', lines)))]));
        ex.Line.ShouldBe(4);
        ex.Message.ShouldContain("expected 29 fields");
    }
}

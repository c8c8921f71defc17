using System.Text;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Un;

public class UnMapperTests
{
    private const string File = "un/2026-02-27/consolidated.xml";
    private static readonly WatchList List = Fixtures.Read("un", File);

    [Fact]
    public void Read_TakesThePublicationDateFromDateGenerated() => List.PublicationDate.ShouldBe(new DateOnly(2026, 2, 27));

    [Fact]
    public void Read_Soleimani_HasReferenceIdAliasesByQualityDobPassportAndPlaceOfBirth()
    {
        var e = List.Get("IRi.039");
        e.Id.ShouldBe("un:IRi.039");
        e.Kind.ShouldBe(EntityKind.Person);
        e.Name.ShouldBe("QASEM SOLEIMANI");
        e.Programs.ShouldBe(["Iran"]);
        // "Good" aliases are strong; one ALIAS_NAME holds several spellings separated by semicolons.
        e.Names.ShouldContain(n => n.Value == "Qasem Sulaimani" && n.Quality == AliasQuality.Strong);
        e.Names.ShouldContain(n => n.Value == "Kasim Sulaymani" && n.Quality == AliasQuality.Strong);
        e.Names.ShouldContain(n => n.Value == "Haji Qassem" && n.Quality == AliasQuality.Weak);
        e.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1957, 3, 11));
        e.PlacesOfBirth.ShouldBe(["Qom, Iran (Islamic Republic of)"]);
        var passport = e.Documents.ShouldHaveSingleItem();
        (passport.Kind, passport.Number, passport.Country).ShouldBe((DocumentKind.Passport, "008827", "Iran (Islamic Republic of)"));
        e.Title.ShouldBe("Brigadier General; Commander of Qods force");
        e.ListedOn.ShouldBe(new DateOnly(2007, 3, 24));
        e.LastUpdated.ShouldBe(new DateOnly(2014, 12, 17));
        e.SourceRecords.ShouldHaveSingleItem().Fields.ShouldContain(f => f.Key == "REFERENCE_NUMBER" && f.Value == "IRi.039");
    }

    [Fact]
    public void Read_DobBetween_IsAYearRange()
    {
        var dob = List.Get("CDi.030").DatesOfBirth[0];
        dob.From.Year.ShouldBeLessThan(dob.To.Year);
        dob.Circa.ShouldBeFalse();
    }

    [Fact]
    public void Read_DobApproximately_IsCirca() => List.Get("CDi.014").DatesOfBirth.ShouldContain(d => d.Circa);

    [Fact]
    public void Read_SeveralDatesOfBirth_AfterTheFirstAreAlternatives()
    {
        var dobs = List.Get("CDi.011").DatesOfBirth;
        dobs.Count.ShouldBeGreaterThan(1);
        dobs[0].Alternative.ShouldBeFalse();
        dobs.Skip(1).ShouldAllBe(d => d.Alternative);
    }

    [Fact]
    public void Read_OriginalScriptName_IsAnAlias()
    {
        var e = List.Get("IQi.001");
        e.Names.ShouldContain(n => n.Origin == "original script" && n.Value.Any(c => c >= '\u0600' && c <= '\u06FF'));
    }

    [Fact]
    public void Read_NationalIdentificationNumber_IsANationalId() =>
        List.Get("CDi.019").Documents.ShouldContain(d => d.Kind == DocumentKind.NationalId);

    [Fact]
    public void Read_Entities_AreOrganisationsWithFkaAndStreetAddresses()
    {
        List.Get("CDe.001").Kind.ShouldBe(EntityKind.Organization);
        List.Get("CDe.001").Names.ShouldContain(n => n.Type == NameType.Fka);
        List.Get("CDe.003").Addresses.ShouldContain(a => a.Street != null);
        List.Get("QDe.002").Names.ShouldContain(n => n.Origin == "original script");
    }

    [Fact]
    public void Read_Truncated_NamesFileAndLine()
    {
        var bytes = Fixtures.Bytes(File);
        var ex = Should.Throw<ListFormatException>(() => ListSources.Read("un", [new ListFileContent("consolidated.xml", bytes[..(bytes.Length / 2)])]));
        ex.File.ShouldBe("consolidated.xml");
        ex.Line.ShouldNotBeNull().ShouldBeGreaterThan(1);
        ex.Message.ShouldContain("truncated");
    }

    [Fact]
    public void Read_OtherXml_SaysItIsNotAUnFile()
    {
        var ex = Should.Throw<ListFormatException>(() => ListSources.Read("un", [new ListFileContent("x.xml", Encoding.UTF8.GetBytes("<sdnList/>"))]));
        ex.Message.ShouldContain("not a UN consolidated list file");
    }

    [Fact]
    public void Read_RecordWithoutReference_IsRefusedWithItsLine()
    {
        var text = Encoding.UTF8.GetString(Fixtures.Bytes(File)).Replace("<REFERENCE_NUMBER>IRi.040</REFERENCE_NUMBER>", "", StringComparison.Ordinal);
        var ex = Should.Throw<ListFormatException>(() => ListSources.Read("un", [new ListFileContent("consolidated.xml", Encoding.UTF8.GetBytes(text))]));
        ex.Message.ShouldContain("no REFERENCE_NUMBER");
    }
}

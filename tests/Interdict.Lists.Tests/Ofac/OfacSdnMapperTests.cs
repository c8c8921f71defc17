using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Ofac;

/// <summary>The OFAC SDN reader and mapper on rows trimmed from the official 2024-05-03 file, addressed by ent_num.</summary>
public class OfacSdnMapperTests
{
    private static readonly Lazy<WatchList> List = new(Fixtures.OfacSdn);

    private static Entity E(string entNum) => List.Value.Get(entNum);

    [Fact]
    public void Read_Soleimani10481_HasAllRemarkFacts()
    {
        var e = E("10481");
        e.Id.ShouldBe("ofac-sdn:10481");
        e.Kind.ShouldBe(EntityKind.Person);
        e.Name.ShouldBe("SOLEIMANI, Qasem");
        e.Programs.ShouldBe(["SDGT", "SYRIA", "NPWMD", "IRGC", "IFSR"]);
        e.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1957, 3, 11));
        e.PlacesOfBirth.ShouldBe(["Qom, Iran"]);
        e.Nationalities.ShouldBe(["Iran"]);
        e.Citizenships.ShouldBe(["Iran"]);
        e.SecondarySanctions.ShouldBeTrue();
        var passport = e.Documents.ShouldHaveSingleItem();
        passport.Kind.ShouldBe(DocumentKind.Passport);
        passport.Label.ShouldBe("Diplomatic Passport");
        passport.Number.ShouldBe("008827");
        passport.Country.ShouldBe("Iran");
        passport.Note.ShouldBe("issued 1999");
    }

    [Fact]
    public void Read_Soleimani10481_AliasesFromAltCsvAreStrong()
    {
        var names = E("10481").Names;
        names[0].ShouldBe(new EntityName("SOLEIMANI, Qasem", NameType.Primary, AliasQuality.Strong, "sdn.csv"));
        names.ShouldContain(new EntityName("SOLEYMANI, Ghasem", NameType.Aka, AliasQuality.Strong, "alt.csv"));
        names.ShouldContain(n => n.Value == "SULAYMAN, Qasim");
    }

    [Fact]
    public void Read_KataibHizballah11462_HasRemarkAliasesAsWeakAndWebsite()
    {
        var e = E("11462");
        e.Kind.ShouldBe(EntityKind.Organization);
        e.Programs.ShouldBe(["FTO", "SDGT", "IRAQ3"]);
        e.Names.ShouldContain(new EntityName("ISLAMIC RESISTANCE IN IRAQ", NameType.Aka, AliasQuality.Weak, "remarks"));
        e.Names.ShouldContain(new EntityName("KATA'IB HIZBALLAH FI AL-IRAQ", NameType.Aka, AliasQuality.Weak, "remarks"));
        e.Names.ShouldContain(new EntityName("KATA'IB HEZBOLLAH", NameType.Aka, AliasQuality.Strong, "alt.csv"));
        e.Addresses.ShouldContain(new Address(null, "Najaf", "Iraq", null));
        // "www.aleseb.com" stands alone without a "Website" label, so it is kept as an unparsed fact.
        e.OtherFacts.ShouldContain("www.aleseb.com");
    }

    [Fact]
    public void Read_Vessel15037_HasVesselFieldsImoAndFormerNames()
    {
        var e = E("15037");
        e.Kind.ShouldBe(EntityKind.Vessel);
        e.Vessel.ShouldNotBeNull();
        e.Vessel.VesselType.ShouldBe("Crude/Oil Products Tanker");
        e.Vessel.Tonnage.ShouldBe("99,030");
        e.Vessel.GrossRegisteredTonnage.ShouldBe("56,068");
        e.Vessel.Flag.ShouldBe("Iran");
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Imo && d.Number == "9187655");
        e.Names.ShouldContain(new EntityName("ABADEH", NameType.Fka, AliasQuality.Weak, "remarks"));
        e.LinkedTo.ShouldBe(["NATIONAL IRANIAN TANKER COMPANY"]);
    }

    [Fact]
    public void Read_Vessel15036_HasMmsiAndCallSign()
    {
        var e = E("15036");
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Mmsi && d.Number == "572469210");
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Imo && d.Number == "9187629");
        e.Vessel!.CallSign.ShouldBe("T2EU4");
    }

    [Fact]
    public void Read_Aircraft15431_IsAircraftWithSerialNumber()
    {
        var e = E("15431");
        e.Kind.ShouldBe(EntityKind.Aircraft);
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Aircraft && d.Number == "1023409321");
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.Aircraft && d.Number == "8401");
        e.OtherFacts.ShouldContain("Aircraft Model IL76-TD");
    }

    [Fact]
    public void Read_DobRanges12057_AreRangesAndAlternatives()
    {
        var dobs = E("12057").DatesOfBirth;
        dobs.Count.ShouldBe(4);
        dobs[0].ShouldBe(new DateOfBirth(new PartialDate(1951), new PartialDate(1953), false, false, "1951 to 1953"));
        dobs[1].Alternative.ShouldBeTrue();
        dobs[2].From.ShouldBe(new PartialDate(1961, 4));
    }

    [Fact]
    public void Read_DobDayRange15962_IsARange()
    {
        var dob = E("15962").DatesOfBirth.ShouldHaveSingleItem();
        dob.From.ShouldBe(new PartialDate(1961, 1, 1));
        dob.To.ShouldBe(new PartialDate(1962, 12, 31));
    }

    [Fact]
    public void Read_DobCirca7782_IsApproximate()
    {
        var dob = E("7782").DatesOfBirth.ShouldHaveSingleItem();
        dob.Circa.ShouldBeTrue();
        dob.From.ShouldBe(new PartialDate(1951));
        E("7782").PlacesOfBirth.ShouldBe(["Foca, Bosnia-Herzegovina"]);
    }

    [Fact]
    public void Read_DobMonth6862_IsKnownToTheMonth() =>
        E("6862").DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1938, 9));

    [Fact]
    public void Read_AltDobs2686_AreAlternatives()
    {
        var dobs = E("2686").DatesOfBirth;
        dobs.Select(d => d.From.Year).ShouldBe([1960, 1953, 1955, 1958]);
        dobs.Skip(1).ShouldAllBe(d => d.Alternative);
        E("2686").Gender.ShouldBe("Male");
        E("2686").SecondarySanctions.ShouldBeTrue();
    }

    [Fact]
    public void Read_NationalId6939_HasPassportAndNationalId()
    {
        var docs = E("6939").Documents;
        docs.ShouldContain(new IdentityDocument(DocumentKind.NationalId, "National ID No.", "216040", "Yemen", null));
        docs.ShouldContain(new IdentityDocument(DocumentKind.Passport, "Passport", "541939", "Yemen", "issued 31 Jul 2000"));
        E("6939").Names.ShouldContain(n => n.Value == "AL-MAKKI, Abu Asim" && n.Quality == AliasQuality.Weak);
    }

    [Fact]
    public void Read_PassportExpiry9329_IsANote() =>
        E("9329").Documents.ShouldContain(new IdentityDocument(DocumentKind.Passport, "Passport", "284158", "Iraq", "expires 21 Aug 2005"));

    [Fact]
    public void Read_TaxAndRegistration8812_AreFiled()
    {
        var docs = E("8812").Documents;
        docs.ShouldContain(new IdentityDocument(DocumentKind.TaxId, "Tax ID No.", "100036386", "Serbia", null));
        docs.ShouldContain(new IdentityDocument(DocumentKind.Registration, "Registration ID", "17317105", "Serbia", null));
        E("8812").OtherFacts.ShouldContain("juice manufacturer");
    }

    [Fact]
    public void Read_Bank906_HasSwiftAndWebsites()
    {
        var e = E("906");
        e.Documents.ShouldContain(d => d.Kind == DocumentKind.SwiftBic && d.Number == "HAVIGB2L");
        e.Websites.ShouldBe(["www.havanaintbank.co.uk", "www.hib.uk.com"]);
        e.Documents.ShouldContain(d => d.Label == "Company Number" && d.Number == "01074897" && d.Country == "United Kingdom");
    }

    [Fact]
    public void Read_Email10933_IsParsed() => E("10933").Emails.ShouldBe(["dam.d.free@net.sy"]);

    [Fact]
    public void Read_Gender7522_IsFemale() => E("7522").Gender.ShouldBe("Female");

    [Fact]
    public void Read_Nka41920_IsNowKnownAs() =>
        E("41920").Names.ShouldContain(new EntityName("LGOK", NameType.Nka, AliasQuality.Weak, "remarks"));

    [Fact]
    public void Read_RemarksCutAt1000Characters27307_AreContinuedFromComments()
    {
        var e = E("27307");
        e.Names.ShouldContain(n => n.Value == "RED DOT");
        e.LinkedTo.ShouldBeEmpty();
        e.SourceRecords.ShouldContain(r => r.File == "sdn_comments.csv");
    }

    [Fact]
    public void Read_KeepsTheSourceRecordForAudit()
    {
        var record = E("10481").SourceRecords[0];
        record.File.ShouldBe("sdn.csv");
        record.Line.ShouldBe(List.Value.Entities.ToList().FindIndex(x => x.SourceId == "10481") + 1);
        record.Fields.ShouldContain(new KeyValuePair<string, string>("SDN_Name", "SOLEIMANI, Qasem"));
        record.Fields.Count.ShouldBe(12);
    }

    [Fact]
    public void Read_OrphanAliasAndAddressRows_AreSkippedAndCounted()
    {
        var list = List.Value;
        // The fixture's alt.csv carries one row, and add.csv one row, of ent_num 36, which is not in its sdn.csv.
        list.Notices.ShouldContain(n => n.StartsWith("1 of ", StringComparison.Ordinal) && n.Contains("alias") && n.Contains("alt.csv"));
        list.Notices.ShouldContain(n => n.StartsWith("1 of ", StringComparison.Ordinal) && n.Contains("address") && n.Contains("add.csv"));
        list.Entities.ShouldNotContain(e => e.SourceId == "36");
    }

    [Fact]
    public void Read_RecordsFileHashesAndDates()
    {
        var list = List.Value;
        list.Entities.Count.ShouldBe(20);
        list.PublicationDate.ShouldBe(new DateOnly(2024, 5, 3));
        list.Files.Select(f => f.Name).ShouldBe(["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]);
        list.Files[0].Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Fixtures.PathOf("ofac-sdn/2024-05-03/sdn.csv")))));
    }
}

using System.Text;
using Interdict.Core;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Ftm;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Ftm;

/// <summary>FollowTheMoney entity files as a list source (<c>ftm:NAME</c>): streamed, reduced to what is screened, read into entities.</summary>
public sealed class FtmSourceTests
{
    private const string Source = "ftm:fixture";

    private static FtmReduction Reduce(byte[] bytes) => FtmSource.Reduce(Source, new MemoryStream(bytes), "entities.ftm.json");

    private static WatchList Fixture() => ListSources.Read(Source, [new ListFileContent("entities.ftm.json", Fixtures.Bytes("ftm/entities.ftm.json"))]);

    [Fact]
    public void Reduce_KeepsPartiesSanctionsAndDocuments_AndCountsWhatItLeftOut()
    {
        var bytes = Fixtures.Bytes("ftm/entities.ftm.json");
        var reduced = Reduce(bytes);
        reduced.Lines.ShouldBe(11);
        reduced.Kept.ShouldBe(9);
        reduced.OtherSchemata.ShouldBe(new Dictionary<string, long> { ["Address"] = 1, ["Ownership"] = 1 });
        reduced.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        // The kept lines are the file's own, so the reduced file is an FtM file too, and reads the same.
        var kept = Encoding.UTF8.GetString(reduced.File.Bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var original = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        kept.ShouldAllBe(line => original.Contains(line));
        ListSources.Read(Source, [reduced.File]).Entities.Count.ShouldBe(Fixture().Entities.Count);
    }

    [Fact]
    public void Read_MapsFtmPropertiesSanctionsAndPassports()
    {
        var list = Fixture();
        list.Id.ShouldBe(Source);
        list.PublicationDate.ShouldBe(new DateOnly(2025, 6, 1)); // the latest last_change
        list.ContentHash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Fixtures.Bytes("ftm/entities.ftm.json"))));
        list.Files.ShouldHaveSingleItem().Records.ShouldBe(11);
        list.Entities.Select(e => e.Id).ShouldBe(["ftm:fixture:fx-soleimani", "ftm:fixture:fx-kataib", "ftm:fixture:fx-ark", "ftm:fixture:fx-parts", "ftm:fixture:fx-related"]);
        list.Notices.ShouldHaveSingleItem().ShouldContain("1 party has no name");

        var soleimani = list.Entities[0];
        soleimani.Kind.ShouldBe(EntityKind.Person);
        soleimani.Name.ShouldBe("Qasem SOLEIMANI");
        soleimani.Names.Select(n => (n.Value, n.Type, n.Quality)).ShouldBe([
            ("Qasem SOLEIMANI", NameType.Primary, AliasQuality.Strong), ("Ghasem Soleymani", NameType.Aka, AliasQuality.Strong),
            ("Qasim Soleimany", NameType.Aka, AliasQuality.Strong), ("Haj Qasem", NameType.Aka, AliasQuality.Strong), ("Haj Qassem", NameType.Aka, AliasQuality.Weak)]);
        soleimani.DatesOfBirth.ShouldHaveSingleItem().From.ShouldBe(new PartialDate(1957, 3, 11));
        soleimani.Nationalities.ShouldBe(["Iran, Islamic Republic of"]); // the ISO name of the code "ir"
        soleimani.Programs.ShouldBe(["SDGT", "IRGC", "Iran-related sanctions"], ignoreOrder: true);
        soleimani.ListedOn.ShouldBe(new DateOnly(2011, 10, 13)); // from its Sanction entity
        soleimani.Documents.ShouldHaveSingleItem().ShouldBe(new IdentityDocument(DocumentKind.Passport, "Passport", "008827", "ir", null));
        soleimani.OtherFacts.ShouldContain("Datasets: us_ofac_sdn, un_sc_sanctions");
        soleimani.SourceRecords.ShouldHaveSingleItem().Line.ShouldBe(1);

        list.Entities[1].Kind.ShouldBe(EntityKind.Organization);
        list.Entities[1].Addresses.ShouldContain(a => a.Country == "Iraq");
        list.Entities[2].Kind.ShouldBe(EntityKind.Vessel);
        list.Entities[2].Vessel!.Flag.ShouldBe("Iran, Islamic Republic of");
        list.Entities[2].Documents.ShouldHaveSingleItem().ShouldBe(new IdentityDocument(DocumentKind.Imo, "imoNumber", "9187655", null, null));
        list.Entities[3].Name.ShouldBe("Abu Mahdi AL-MUHANDIS"); // made from firstName and lastName
        list.Entities[4].OtherFacts.ShouldContain(f => f.StartsWith("Not a target of the dataset", StringComparison.Ordinal));
    }

    [Fact]
    public void Screening_FindsFtmPartiesByNameFactsAndIdentifier()
    {
        var engine = new ScreeningEngine([Fixture()]);
        var hit = engine.Screen(new ScreeningQuery { Name = "Ghasem Soleimani", DateOfBirth = new PartialDate(1957, 3, 11), Country = "IR" }).Hits[0];
        hit.EntityId.ShouldBe("ftm:fixture:fx-soleimani");
        hit.Explanation.Facts.ShouldContain(f => f.Feature == "date_of_birth" && f.Effect > 0);
        engine.Screen(new ScreeningQuery { Name = "Ark III (IMO 9187655)" }).Hits[0].EntityId.ShouldBe("ftm:fixture:fx-ark");
    }

    [Theory]
    [InlineData("{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]}}\n{\"id\": \"y\", \"schema\": \"Per", 2, "not a JSON entity")]
    [InlineData("{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]}}\n[1, 2]\n", 2, "not a JSON object")]
    [InlineData("{\"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]}}\n", 1, "has no id")]
    [InlineData("{\"id\": \"x\", \"properties\": {\"name\": [\"A\"]}}\n", 1, "has no schema")]
    [InlineData("{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {\"name\": \"A\"}}\n", 1, "property 'name' is not a list")]
    public void Reduce_BrokenLine_RefusesTheFileNamingTheLine(string content, long line, string problem)
    {
        var ex = Should.Throw<ListFormatException>(() => Reduce(Encoding.UTF8.GetBytes(content)));
        ex.Line.ShouldBe(line);
        ex.Message.ShouldContain("entities.ftm.json");
        ex.Message.ShouldContain(problem);
    }

    [Fact]
    public void Reduce_NothingToScreen_IsRefused()
    {
        var ex = Should.Throw<ListFormatException>(() => Reduce(Encoding.UTF8.GetBytes("{\"id\": \"a\", \"schema\": \"Address\", \"properties\": {}}\n")));
        ex.Message.ShouldContain("none of its 1 lines is a party Interdict screens");
        Should.Throw<ListFormatException>(() => Reduce([])).Message.ShouldContain("the file is empty");
        Should.Throw<ListFormatException>(() => Reduce([0x7B, 0xFF, 0xFE, 0x0A])).Message.ShouldContain("not UTF-8");
    }

    [Theory]
    [InlineData("ftm:opensanctions", true)]
    [InlineData("ftm:us_ofac_sdn", true)]
    [InlineData("ftm:", false)]
    [InlineData("ftm:Open Sanctions", false)]
    [InlineData("ftm:../etc", false)]
    [InlineData("eu-fsf", false)]
    public void SourceIds_FtmNames_AreCheckedAsDatasetNames(string id, bool valid)
    {
        ListSources.IsKnown(id).ShouldBe(valid);
        if (!valid)
        {
            Should.Throw<ArgumentException>(() => ListSources.Get(id)).Message.ShouldContain(id);
        }
    }

    [Fact]
    public void Read_RealOpenSanctionsSample_ReadsEveryPartyWithItsSanctions()
    {
        // OpenSanctions' ZALA Aero / Kalashnikov sample (yente's test data, CC BY-NC 4.0), from ../shared.
        var path = SharedData.PathOf("opensanctions-ftm-samples/2026-04-30_zala/entities.ftm.json");
        using var stream = File.OpenRead(path);
        var reduced = FtmSource.Reduce("ftm:zala", stream, "entities.ftm.json");
        reduced.Lines.ShouldBe(91);
        reduced.OtherSchemata["Ownership"].ShouldBe(14);
        var list = ListSources.Read("ftm:zala", [reduced.File]);
        list.Entities.Count(e => e.Kind == EntityKind.Person).ShouldBe(6);
        list.Entities.Count(e => e.Kind == EntityKind.Organization).ShouldBe(11);
        var zakharov = list.Entities.Single(e => e.SourceId == "NK-aU5ybkbRFJucf8YMwsJvDw");
        zakharov.Programs.ShouldContain("EU-UKR");

        var engine = new ScreeningEngine([list]);
        engine.Screen(new ScreeningQuery { Name = "Aleksandr Zakharov", Kind = EntityKind.Person }).Hits.Select(h => h.EntityId).ShouldContain("ftm:zala:NK-aU5ybkbRFJucf8YMwsJvDw");
        engine.Screen(new ScreeningQuery { Name = "OOO Aeroskan" }).Hits[0].EntityId.ShouldBe("ftm:zala:NK-iE6m5ryPeTAMZozfECVSL7");
    }
}

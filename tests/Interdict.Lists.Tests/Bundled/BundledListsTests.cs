using Interdict.Core.Model;
using Interdict.Lists.Bundled;

namespace Interdict.Lists.Tests.Bundled;

public class BundledListsTests
{
    [Fact]
    public void Load_OfacSdn_IsThe20240503PublicationWithItsHashes()
    {
        var list = BundledLists.Load("ofac-sdn");
        list.Entities.Count.ShouldBe(14965);
        list.PublicationDate.ShouldBe(new DateOnly(2024, 5, 3));
        list.Files[0].Sha256.ShouldBe("210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb");
        list.Entities.Count(e => e.Kind == EntityKind.Vessel).ShouldBe(851);
        list.Entities.Count(e => e.Kind == EntityKind.Aircraft).ShouldBe(376);
        list.Entities.Count(e => e.Kind == EntityKind.Person).ShouldBe(6854);
    }

    [Fact]
    public void Load_OfacSdn_CountsAliasAndAddressRowsOfPartiesNotInSdnCsv()
    {
        var notices = BundledLists.Load("ofac-sdn").Notices;
        notices.ShouldContain(n => n.StartsWith("2460 of 20107 alias row(s)", StringComparison.Ordinal));
        notices.ShouldContain(n => n.StartsWith("4893 of 24244 address row(s)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ofac-cons", "2025-12-19", 442, "ofac-cons:17014")]
    [InlineData("un", "2026-02-27", 1003, "un:IRi.039")]
    [InlineData("uk-ofsi", "2025-04-14", 4688, "uk-ofsi:15599")]
    [InlineData("uk-fcdo", "2025-11-19", 5666, "uk-fcdo:IRN0082")]
    public void Load_EveryOtherSource_IsItsNewestFileWithTheCountsOfItsProvenance(string id, string published, int entities, string known)
    {
        var list = BundledLists.Load(id);
        list.PublicationDate.ShouldBe(DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture));
        list.Entities.Count.ShouldBe(entities);
        list.Entities.ShouldContain(e => e.Id == known);
    }

    [Fact]
    public void Ids_AreTheFiveSupportedSources() => BundledLists.Ids.ShouldBe(["ofac-sdn", "ofac-cons", "un", "uk-ofsi", "uk-fcdo"]);

    [Fact]
    public void Load_UnknownId_IsRefused() => Should.Throw<ArgumentException>(() => BundledLists.Load("eu-fsf"));
}

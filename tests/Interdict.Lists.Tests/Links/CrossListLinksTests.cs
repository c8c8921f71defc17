using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Links;

public class CrossListLinksTests
{
    private static readonly WatchList Sdn = Fixtures.OfacSdn();
    private static readonly WatchList Un = Fixtures.Read("un", "un/2026-02-27/consolidated.xml");
    private static readonly WatchList Uk = Fixtures.Read("uk-ofsi", "uk-ofsi/2018-04-13/sanctionsconlist.csv");

    private static CrossListLinks Build(params WatchList[] lists) => CrossListLinks.Build([.. lists.SelectMany(l => l.Entities)]);

    [Fact]
    public void Soleimani_OnThreeLists_IsOneParty_LinkedByPassportAndUnReference()
    {
        var links = Build(Sdn, Un, Uk);
        links.For("ofac-sdn:10481").Select(l => l.EntityId).ShouldBe(["un:IRi.039", "uk-ofsi:9062"], ignoreOrder: true);
        links.For("un:IRi.039").ShouldContain(l => l.EntityId == "uk-ofsi:9062" && l.Reason == "UN reference IRi.039");
        links.For("un:IRi.039").ShouldContain(l => l.EntityId == "ofac-sdn:10481" && l.Reason == "passport 008827");
    }

    [Fact]
    public void GhasemSoleymani_IRi040_IsNotLinkedToQasemSoleimani()
    {
        var links = Build(Sdn, Un, Uk);
        links.For("un:IRi.040").ShouldNotContain(l => l.EntityId == "ofac-sdn:10481");
    }

    [Fact]
    public void AGroupNeverHoldsTwoRecordsOfOneList()
    {
        // A second OFAC record sharing another number with the UK record must not be pulled into Soleimani's group.
        var other = Sdn.Get("10481") with
        {
            Id = "ofac-sdn:99999",
            SourceId = "99999",
            Name = "SOMEONE ELSE",
            Documents = [new IdentityDocument(DocumentKind.Passport, "Passport", "7777777", null, null)],
        };
        var uk = Uk.Get("9062");
        var ukWithBoth = uk with { Documents = [.. uk.Documents, new IdentityDocument(DocumentKind.Passport, "Passport", "7777777", null, null)] };
        var links = CrossListLinks.Build([.. Sdn.Entities, other, .. Un.Entities, ukWithBoth]);
        links.For("un:IRi.039").Where(l => l.List == "ofac-sdn").Select(l => l.EntityId).ShouldBe(["ofac-sdn:10481"]);
        links.For("ofac-sdn:99999").ShouldBeEmpty();
    }

    [Fact]
    public void ANumberOneListPublishesTwice_LinksNothing()
    {
        var copy = Sdn.Get("10481") with { Id = "ofac-sdn:99999", SourceId = "99999", Name = "SOMEONE ELSE" };
        var links = CrossListLinks.Build([.. Sdn.Entities, copy, .. Un.Entities]);
        links.For("un:IRi.039").ShouldNotContain(l => l.List == "ofac-sdn");
    }

    [Fact]
    public void SamePassportNumber_FromDifferentCountries_IsNotALink()
    {
        var un = Un.Get("IRi.039");
        var other = un with
        {
            Documents = [new IdentityDocument(DocumentKind.Passport, "Passport", "008827", "Tunisia", null)],
        };
        var sdn = Sdn.Get("10481");
        var links = CrossListLinks.Build([sdn, other with { Id = "un:XXi.001", SourceId = "XXi.001" }]);
        links.For("ofac-sdn:10481").ShouldBeEmpty();
    }

    [Fact]
    public void ScreeningHits_CarryTheSameParty()
    {
        var engine = new ScreeningEngine([Sdn, Un, Uk]);
        var hits = engine.Screen(new ScreeningQuery { Name = "Qassem Soleimani" }).Hits;
        // His three records carry each other; un:IRi.040 (Ghasem Soleymani, another man) is a hit of its own.
        foreach (var id in new[] { "ofac-sdn:10481", "uk-ofsi:9062", "un:IRi.039" })
        {
            hits.Single(h => h.EntityId == id).SameParty.Count.ShouldBe(2);
        }

        hits.Single(h => h.EntityId == "un:IRi.040").SameParty.ShouldBeEmpty();
    }
}

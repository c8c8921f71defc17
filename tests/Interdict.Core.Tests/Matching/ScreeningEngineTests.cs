using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Core.Tests.Matching;

public class ScreeningEngineTests
{
    private static readonly Lazy<ScreeningEngine> Engine = new(() => new ScreeningEngine([Fixtures.OfacSdn()]));

    private static ScreeningResult Screen(string name, Func<ScreeningQuery, ScreeningQuery>? with = null, double threshold = ScreeningOptions.DefaultThreshold)
    {
        var query = new ScreeningQuery { Name = name };
        return Engine.Value.Screen(with?.Invoke(query) ?? query, new ScreeningOptions { Threshold = threshold });
    }

    [Theory]
    [InlineData("Qassem Soleimani")]
    [InlineData("SOLEIMANI, Qasem")]
    [InlineData("Ghasem Soleymani")]
    [InlineData("Qasem Suleimani")]
    [InlineData("Касем Сулеймани")]
    public void Screen_SpellingsOfSoleimani_Find10481First(string name)
    {
        var hits = Screen(name).Hits;
        hits.ShouldNotBeEmpty();
        hits[0].EntityId.ShouldBe("ofac-sdn:10481");
        hits[0].Score.ShouldBeGreaterThanOrEqualTo(0.85);
    }

    [Theory]
    [InlineData("قاسم سلیمانی")]
    [InlineData("قاسم سليماني")]
    public void Screen_SoleimaniInArabicScript_Finds10481ByConsonantSkeleton(string name)
    {
        var hit = Screen(name).Hits.ShouldHaveSingleItem();
        hit.EntityId.ShouldBe("ofac-sdn:10481");
        hit.Explanation.Alignment.ShouldContain(a => a.Query == "ksm" && a.Listed == "qasem");
    }

    [Fact]
    public void Screen_SoleimaniInHanScript_RanksHimFirstAtALowerThreshold()
    {
        // Han transliteration joins syllables differently from the list's romanisation, so the score is lower,
        // but 10481 is still the best candidate.
        var hits = Screen("苏莱曼尼 卡西姆", threshold: 0.5).Hits;
        hits.ShouldNotBeEmpty();
        hits[0].EntityId.ShouldBe("ofac-sdn:10481");
    }

    [Theory]
    [InlineData("Kataib Hezbollah")]
    [InlineData("KATA'IB HIZBALLAH")]
    [InlineData("Kata'ib Hizballah")]
    [InlineData("Hizballah Brigades")]
    public void Screen_SpellingsOfKataibHizballah_Find11462First(string name)
    {
        var hits = Screen(name).Hits;
        hits.ShouldNotBeEmpty();
        hits[0].EntityId.ShouldBe("ofac-sdn:11462");
    }

    [Fact]
    public void Screen_WordOrderAndCase_DoNotMatter()
    {
        Screen("qasem soleimani").Hits[0].Score.ShouldBe(Screen("SOLEIMANI QASEM").Hits[0].Score);
    }

    [Theory]
    [InlineData("Margaret Thornbury")]
    [InlineData("Acme Widgets Limited")]
    [InlineData("John Smith")]
    public void Screen_UnlistedNames_HaveNoHits(string name) => Screen(name).Hits.ShouldBeEmpty();

    [Fact]
    public void Screen_OlderMatcherVersion_StaysSelectable_AndSaysSo()
    {
        var old = new ScreeningEngine([Fixtures.OfacSdn()], MatcherVersion.V110);
        old.AlgorithmName.ShouldBe("interdict-name 1.1.0");
        var hit = old.Screen(new ScreeningQuery { Name = "قاسم سلیمانی" }).Hits.ShouldHaveSingleItem();
        hit.Explanation.AlgorithmVersion.ShouldBe("1.1.0");
        hit.Explanation.Alignment.ShouldContain(a => a.Query == "qsm"); // 1.1.0 transliterates with AnyAscii, then skeletons
        hit.Score.ShouldBe(0.92);
    }

    [Fact]
    public void Screen_Hit_ExplainsAlignmentAlgorithmAndListVersion()
    {
        var hit = Screen("Qassem Soleimani").Hits[0];
        var e = hit.Explanation;
        e.Algorithm.ShouldBe("interdict-name");
        e.AlgorithmVersion.ShouldBe("2.1.0");
        e.MatchedName.ShouldBe(hit.MatchedName);
        e.Alignment.ShouldContain(a => a.Query == "qassem" && a.Listed == "qasem" && a.Similarity > 0.8 && a.Similarity < 1);
        e.Alignment.ShouldContain(a => a.Query == "soleimani" && a.Listed == "soleimani" && a.Similarity == 1);
        e.ListVersion.List.ShouldBe("ofac-sdn");
        e.ListVersion.PublicationDate.ShouldBe(new DateOnly(2024, 5, 3));
        e.ListVersion.ContentHash.Length.ShouldBe(64);
    }

    [Fact]
    public void Screen_IdentifierInNameField_IsUsedAsIdentifier()
    {
        var result = Screen("Ark 111 (IMO 9187655)");
        var hit = result.Hits[0];
        hit.EntityId.ShouldBe("ofac-sdn:15037");
        hit.Explanation.Facts.ShouldContain(f => f.Feature == "identifier" && f.Effect > 0);
        result.Warnings.ShouldContain(w => w.Contains("IMO 9187655"));
    }

    [Fact]
    public void Screen_ExactIdentifier_FindsEntityEvenWithAPoorName()
    {
        var hits = Screen("Some Tanker", q => q with { Identifier = "IMO 9187655" }).Hits;
        hits.ShouldContain(h => h.EntityId == "ofac-sdn:15037" && h.Score >= 0.85);
    }

    [Fact]
    public void Screen_PassportNumber_IsStrongEvidence()
    {
        var without = Screen("Qasim Sulaymani", threshold: 0).Hits.First(h => h.EntityId == "ofac-sdn:10481");
        var with = Screen("Qasim Sulaymani", q => q with { Identifier = "008827" }, threshold: 0).Hits.First(h => h.EntityId == "ofac-sdn:10481");
        with.Score.ShouldBeGreaterThan(without.Score);
        with.Explanation.Facts.ShouldContain(f => f.Feature == "identifier");
    }

    [Fact]
    public void Screen_MatchingDateOfBirth_RaisesAndMismatchLowers()
    {
        var plain = Screen("Qassem Soleimani").Hits[0].Score;
        var same = Screen("Qassem Soleimani", q => q with { DateOfBirth = new PartialDate(1957, 3, 11) }).Hits[0];
        var other = Screen("Qassem Soleimani", q => q with { DateOfBirth = new PartialDate(1985) }, threshold: 0).Hits.First(h => h.EntityId == "ofac-sdn:10481");
        same.Score.ShouldBeGreaterThan(plain);
        same.Explanation.Facts.ShouldContain(f => f.Feature == "date_of_birth" && f.Effect > 0);
        other.Score.ShouldBeLessThan(plain - 0.1);
        other.Explanation.Facts.ShouldContain(f => f.Feature == "date_of_birth" && f.Effect < 0);
    }

    [Fact]
    public void Screen_YearWithinPublishedRange_IsConsistent()
    {
        // ofac-sdn:12057 NAQDI, Mohammad Reza: DOB 1951 to 1953; alt. DOB 1960 to 1962.
        var hit = Screen("Mohamad Reza Naghdi", q => q with { DateOfBirth = new PartialDate(1961) }).Hits[0];
        hit.EntityId.ShouldBe("ofac-sdn:12057");
        hit.Explanation.Facts.ShouldContain(f => f.Feature == "date_of_birth" && f.Effect > 0);
    }

    [Fact]
    public void Screen_KindMismatch_LowersTheScore()
    {
        var asPerson = Screen("Ark III", q => q with { Kind = EntityKind.Person }, threshold: 0).Hits.First(h => h.EntityId == "ofac-sdn:15037");
        var asVessel = Screen("Ark III", q => q with { Kind = EntityKind.Vessel }, threshold: 0).Hits.First(h => h.EntityId == "ofac-sdn:15037");
        asPerson.Score.ShouldBeLessThan(asVessel.Score);
        asPerson.Explanation.Facts.ShouldContain(f => f.Feature == "kind" && f.Effect < 0);
    }

    [Theory]
    [InlineData("IR")]
    [InlineData("Iran (Islamic Republic of)")]
    [InlineData("Iranian")]
    public void Screen_CountryAsCodeNameOrDemonym_Confirms(string country)
    {
        var hit = Screen("Qassem Soleimani", q => q with { Country = country }).Hits[0];
        hit.Explanation.Facts.ShouldContain(f => f.Feature == "country" && f.Effect > 0);
    }

    [Fact]
    public void Screen_UnknownCountry_IsIgnoredWithAWarning()
    {
        var result = Screen("Qassem Soleimani", q => q with { Country = "Atlantis" });
        result.Hits[0].EntityId.ShouldBe("ofac-sdn:10481");
        result.Warnings.ShouldContain(w => w.Contains("Atlantis"));
    }

    [Fact]
    public void Screen_HitsAreSortedAndLimited()
    {
        var all = Engine.Value.Screen(new ScreeningQuery { Name = "Soleimani Hizballah Revolutionary" }, new ScreeningOptions { Threshold = 0, Limit = 100 });
        all.Hits.Count.ShouldBeGreaterThan(1);
        all.Hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
        var result = Engine.Value.Screen(new ScreeningQuery { Name = "Soleimani Hizballah Revolutionary" }, new ScreeningOptions { Threshold = 0, Limit = 1 });
        result.Hits.Select(h => h.EntityId).ShouldBe(all.Hits.Take(1).Select(h => h.EntityId));
    }

    [Fact]
    public void Screen_ListFilter_ExcludesOtherLists()
    {
        var result = Engine.Value.Screen(new ScreeningQuery { Name = "Qassem Soleimani" }, new ScreeningOptions { Lists = new HashSet<string> { "un" } });
        result.Hits.ShouldBeEmpty();
    }

    [Fact]
    public void Screen_WeakRemarkAlias_IsFlagged()
    {
        // 11462's remarks carry a.k.a. 'ISLAMIC RESISTANCE IN IRAQ' (OFAC's weak aliases live in the remarks).
        var hit = Screen("Islamic Resistance in Iraq").Hits.First(h => h.EntityId == "ofac-sdn:11462");
        hit.Explanation.WeakAlias.ShouldBeTrue();
        hit.Explanation.MatchedNameType.ShouldBe("aka");
    }

    [Theory]
    [InlineData("ofac-sdn:10481", "Qassem Soleimani")]
    [InlineData("ofac-sdn:11462", "Kataib Hezbollah")]
    public void Screen_AListOfOneEntity_FindsIt(string id, string name)
    {
        // In an index of one name every trigram is on every name: its rarity weight was 0, so a query found nothing, and
        // the name itself (all its trigrams weighing 0) threw: retrieval took the name for new at every trigram and ran
        // past its buffer of touched names.
        var fixture = Fixtures.OfacSdn();
        var entity = fixture.Entities.Single(e => e.Id == id);
        var engine = new ScreeningEngine([fixture with { Entities = [entity with { Names = [entity.Names[0]] }] }]);

        engine.NameCount.ShouldBe(1);
        engine.Screen(new ScreeningQuery { Name = name }).Hits.ShouldHaveSingleItem().EntityId.ShouldBe(id);
        engine.Screen(new ScreeningQuery { Name = entity.Names[0].Value }).Hits.ShouldHaveSingleItem().Score.ShouldBe(1);
    }
}

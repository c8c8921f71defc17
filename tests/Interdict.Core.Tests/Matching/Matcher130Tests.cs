using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Core.Tests.Matching;

/// <summary>
/// Matcher 1.3.0, on real OFAC SDN records (sdn.csv of 2024-05-03, the namesakes fixture): two companies that share only
/// a long legal form ("LIMITED LIABILITY COMPANY", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU") are not alike, nor two
/// companies or vessels whose numbers differ ("NEW DECISIONS 2" / "3", "KUM SONG 3" / "5", "MARIE DE LOURDES I" / "V"),
/// nor two people who share only a given name and a patronymic ("GIZUNOV, Sergey Aleksandrovich" / "MARTYNOV, Sergey
/// Alexandrovich"). 1.2.0 found all of them 0.83–0.95 alike; it stays selectable, so its decisions can be reproduced.
/// </summary>
public class Matcher130Tests
{
    private static readonly WatchList Sdn = Fixtures.OfacSdnNamesakes();

    [Theory]
    [InlineData("LIMITED LIABILITY COMPANY BITVAN", "ofac-sdn:46644")]
    [InlineData("LIMITED LIABILITY COPANY BITVAN", "ofac-sdn:46644")] // a typo in the legal form
    [InlineData("LIMITED LIABILITY COMPANY BIT VAN", "ofac-sdn:46644")] // a split word
    [InlineData("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MARKUS", "ofac-sdn:38580")]
    [InlineData("LIMITED LIABILITY COMPANY NEW DECISIONS 2", "ofac-sdn:45965")]
    [InlineData("JSC 711 AIRCRAFT REPAIR PLANT", "ofac-sdn:35856")]
    [InlineData("KUM SONG 3", "ofac-sdn:23160")]
    [InlineData("MARIE DE LOURDES V", "ofac-sdn:23427")]
    [InlineData("BICENTENARIO XIV", "ofac-sdn:26625")] // XIV is not X, nor an initial of it
    [InlineData("GIZUNOV, Sergey Aleksandrovich", "ofac-sdn:21329")]
    [InlineData("Sergei Alexandrovich Gizunov", "ofac-sdn:21329")]
    [InlineData("USS, Artem Alexandrovich", "ofac-sdn:40272")]
    [InlineData("Vladimir Putin", "ofac-sdn:35096")] // no patronymic in the query
    [InlineData("Oleksandr Onyshchenko", "ofac-sdn:45108")] // Ukrainian spelling, no patronymic
    public void Current_FindsTheParty_AndNotTheOnesSharingOnlyCommonWords(string name, string expected)
    {
        var engine = new ScreeningEngine([Sdn]);
        var hits = engine.Screen(new ScreeningQuery { Name = name }).Hits;
        hits.Select(h => h.EntityId).ShouldBe([expected]);
        hits[0].Explanation.AlgorithmVersion.ShouldBe(MatcherVersion.Current.Name());
        // Not merely left out by the index: scored against every name, the others stay below the threshold.
        engine.Screen(new ScreeningQuery { Name = name }, new ScreeningOptions { Exhaustive = true }).Hits.Select(h => h.EntityId).ShouldBe([expected]);
    }

    [Fact]
    public void Current_ANumberOnOneSideOnly_StillFindsTheVessel()
    {
        // A vessel named without its number is still a lead: only numbers that disagree tell two names apart.
        var hit = new ScreeningEngine([Sdn]).Screen(new ScreeningQuery { Name = "ASIA BRIDGE", Kind = EntityKind.Vessel }).Hits.ShouldHaveSingleItem();
        hit.EntityId.ShouldBe("ofac-sdn:23778");
        hit.Score.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Current_ASharedGivenNameAndPatronymicAlone_IsNoHit() =>
        new ScreeningEngine([Sdn]).Screen(new ScreeningQuery { Name = "PETROV, Sergey Aleksandrovich" }, new ScreeningOptions { Exhaustive = true }).Hits.ShouldBeEmpty();

    [Theory]
    [InlineData("LIMITED LIABILITY COPANY BITVAN", "ofac-sdn:47676")]
    [InlineData("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MARKUS", "ofac-sdn:45855")]
    [InlineData("LIMITED LIABILITY COMPANY NEW DECISIONS 2", "ofac-sdn:45966")]
    [InlineData("JOINT STOCK COMPANY 711 AIRCRAFT REPAIR PLANT", "ofac-sdn:35875")]
    [InlineData("KUM SONG 3", "ofac-sdn:23161")]
    [InlineData("MARIE DE LOURDES V", "ofac-sdn:23426")]
    [InlineData("BICENTENARIO XIV", "ofac-sdn:26655")]
    [InlineData("GIZUNOV, Sergey Aleksandrovich", "ofac-sdn:36832")]
    [InlineData("USS, Artem Alexandrovich", "ofac-sdn:47291")]
    public void Version120_StillGivesItsOwnScores(string name, string namesake)
    {
        var hit = new ScreeningEngine([Sdn], MatcherVersion.V120).Screen(new ScreeningQuery { Name = name }, new ScreeningOptions { Exhaustive = true }).Hits
            .Single(h => h.EntityId == namesake);
        hit.Score.ShouldBeGreaterThanOrEqualTo(ScreeningOptions.DefaultThreshold);
        hit.Explanation.AlgorithmVersion.ShouldBe("1.2.0");
    }

    [Theory]
    [InlineData("aleksandrovich", true)]
    [InlineData("nikolaevna", true)]
    [InlineData("mykolayovych", true)] // Ukrainian
    [InlineData("ivanovitch", true)] // French-style transliteration
    [InlineData("milosevic", false)] // a Serbian family name
    [InlineData("ivanov", false)]
    [InlineData("ovich", false)] // too short to be one
    public void IsPatronymic_ReadsEastSlavicEndings(string token, bool expected) =>
        PreparedName.IsPatronymic(token).ShouldBe(expected);
}

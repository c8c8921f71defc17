using Interdict.Core.Matching;
using Interdict.Core.Model;

namespace Interdict.Core.Tests.Matching;

/// <summary>
/// Matcher 1.3.0: two companies that share only a long legal form ("LIMITED LIABILITY COMPANY", "OBSHCHESTVO S
/// OGRANICHENNOI OTVETSTVENNOSTYU") are not alike. 1.2.0 compared such names whole and found them 0.92–0.95 alike
/// whenever the rest was about as long; it stays selectable, so its decisions can be reproduced.
/// </summary>
public class LegalFormNamesakeTests
{
    // Four OFAC SDN records (sdn.csv of 2024-05-03), Russian companies designated under RUSSIA-EO14024.
    private static readonly WatchList Sdn = new()
    {
        Id = "ofac-sdn",
        Title = "OFAC SDN (four records)",
        Entities =
        [
            Company("46644", "LIMITED LIABILITY COMPANY BITVAN"),
            Company("47676", "LIMITED LIABILITY COMPANY I T C"),
            Company("38580", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MARKUS"),
            Company("45855", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU FAM KHOLDING"),
        ],
    };

    [Theory]
    [InlineData("LIMITED LIABILITY COMPANY BITVAN", "ofac-sdn:46644")]
    [InlineData("LIMITED LIABILITY COPANY BITVAN", "ofac-sdn:46644")] // a typo in the legal form
    [InlineData("LIMITED LIABILITY COMPANY BIT VAN", "ofac-sdn:46644")] // a split word
    [InlineData("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MARKUS", "ofac-sdn:38580")]
    public void Current_FindsTheCompany_AndNotTheOnesSharingOnlyItsLegalForm(string name, string expected)
    {
        var engine = new ScreeningEngine([Sdn]);
        var hits = engine.Screen(new ScreeningQuery { Name = name }).Hits;
        hits.Select(h => h.EntityId).ShouldBe([expected]);
        hits[0].Explanation.AlgorithmVersion.ShouldBe("1.3.0");
        // Not merely left out by the index: scored against every name, the others stay below the threshold.
        engine.Screen(new ScreeningQuery { Name = name }, new ScreeningOptions { Exhaustive = true }).Hits.Select(h => h.EntityId).ShouldBe([expected]);
    }

    [Theory]
    [InlineData("LIMITED LIABILITY COPANY BITVAN", "ofac-sdn:47676")]
    [InlineData("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MARKUS", "ofac-sdn:45855")]
    public void Version120_StillGivesItsOwnScores(string name, string namesake)
    {
        var hit = new ScreeningEngine([Sdn], MatcherVersion.V120).Screen(new ScreeningQuery { Name = name }, new ScreeningOptions { Exhaustive = true }).Hits
            .Single(h => h.EntityId == namesake);
        hit.Score.ShouldBeGreaterThan(0.9);
        hit.Explanation.AlgorithmVersion.ShouldBe("1.2.0");
        hit.Explanation.Alignment.ShouldHaveSingleItem().Similarity.ShouldBe(hit.Score, 0.0001); // the whole names compared
    }

    private static Entity Company(string id, string name) => new()
    {
        Id = $"ofac-sdn:{id}",
        ListId = "ofac-sdn",
        SourceId = id,
        Kind = EntityKind.Organization,
        Name = name,
        Names = [new EntityName(name, NameType.Primary, AliasQuality.Strong, "sdn.csv")],
    };
}

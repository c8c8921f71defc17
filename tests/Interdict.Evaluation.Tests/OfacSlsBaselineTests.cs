using Interdict.TestKit;

namespace Interdict.Evaluation.Tests;

public class OfacSlsBaselineTests
{
    [Theory]
    [InlineData("ROBERT", "R163")]
    [InlineData("RUPERT", "R163")]
    [InlineData("RUBIN", "R150")]
    [InlineData("ASHCRAFT", "A261")] // H between S and C: one code
    [InlineData("TYMCZAK", "T522")]
    [InlineData("PFISTER", "P236")]
    [InlineData("SOLEIMANI", "S455")]
    [InlineData("SULEYMANI", "S455")]
    public void Soundex_IsAmericanSoundex(string word, string code) => OfacSlsBaseline.Soundex(word).ShouldBe(code);

    private static readonly OfacSlsBaseline Baseline = new([Fixtures.OfacSdn()]);

    [Fact]
    public void Screen_ExactAndTransposedNames_ScoreHigh()
    {
        Baseline.Screen("SOLEIMANI, Qasem", 0.9).ShouldContain(h => h.EntityId == "ofac-sdn:10481" && h.Score == 1);
        Baseline.Screen("Qasem Soleimani", 0.85).ShouldContain(h => h.EntityId == "ofac-sdn:10481");
    }

    [Fact]
    public void Screen_ArabicScript_FindsNothing_ForTheToolDoesNotTransliterate() =>
        Baseline.Screen("قاسم سلیمانی", 0.5).ShouldBeEmpty();

    [Fact]
    public void Screen_ReturnsOneHitPerEntity_BestFirst()
    {
        var hits = Baseline.Screen("Soleimani", 0.5);
        hits.Select(h => h.EntityId).ShouldBeUnique();
        hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
    }
}

using Interdict.Core.Matching;

namespace Interdict.Core.Tests.Matching;

public class NameMatcherTests
{
    private static double Score(string a, string b, bool person = true) =>
        NameMatcher.Compare(new PreparedName(a), new PreparedName(b), person).Score;

    [Fact]
    public void Compare_IdenticalNames_ScoreOne() => Score("Qasem Soleimani", "SOLEIMANI, Qasem").ShouldBe(1, 1e-9);

    [Fact]
    public void Compare_JoinedAndSplitWords_AreClose() => Score("Abdulrahman Ali", "Abdul Rahman Ali").ShouldBeGreaterThan(0.9);

    [Fact]
    public void Compare_MissingMiddleName_CostsLessThanAnExtraQueryWord()
    {
        var missingMiddle = Score("Mohammad Naqdi", "Mohammad Reza Naqdi");
        var extraWord = Score("Mohammad Reza Naqdi", "Mohammad Naqdi");
        missingMiddle.ShouldBeGreaterThan(0.8);
        extraWord.ShouldBeLessThan(missingMiddle);
    }

    [Fact]
    public void Compare_LegalForms_WeighLittle()
    {
        Score("Mahan Air", "Mahan Air Company", person: false).ShouldBeGreaterThan(0.9);
        Score("Trading Company", "Mahan Air Company", person: false).ShouldBeLessThan(0.5);
    }

    [Fact]
    public void Compare_NumeralsMustAgree() => Score("Ark III", "Ark II", person: false).ShouldBeLessThan(0.75);

    [Fact]
    public void Compare_UnrelatedShortNames_StayLow() => Score("John Smith", "Joan Smyth").ShouldBeLessThan(0.85);
}

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

    [Theory]
    [InlineData("qasem", "qsm")]
    [InlineData("soleimani", "slmn")]
    [InlineData("muhammad", "md")]
    [InlineData("mhmd", "md")]
    [InlineData("hussein", "hsn")]
    public void Skeleton_DropsVowelsAndDoubles(string token, string skeleton) => NameMatcher.Skeleton(token).ShouldBe(skeleton);

    [Fact]
    public void TokenSimilarity_VowellessAgainstSpelledOut_UsesSkeletonBelowAnExactMatch()
    {
        NameMatcher.TokenSimilarity("qsm", "qasem", skeletons: true).ShouldBeInRange(0.85, 0.99);
        NameMatcher.TokenSimilarity("qsm", "qasem", skeletons: false).ShouldBeLessThan(0.85);
        NameMatcher.TokenSimilarity("qsm", "qsm", skeletons: true).ShouldBe(1);
        // Both names spelled out: no skeleton shortcut ("Smith" and "Smyth" share a skeleton).
        new PreparedName("John Smyth").Vowelless.ShouldBeFalse();
        new PreparedName("BNC").Vowelless.ShouldBeFalse();
        Score("BNC", "BANCO", person: false).ShouldBeLessThan(0.85);
        new PreparedName("قاسم سلیمانی").Vowelless.ShouldBeTrue();
    }

    [Fact]
    public void Compare_UnrelatedShortNames_StayLow() => Score("John Smith", "Joan Smyth").ShouldBeLessThan(0.85);
}

using Interdict.Core.Matching;

namespace Interdict.Core.Tests.Matching;

public class NameMatcherTests
{
    private static double Score(string a, string b, bool person = true, MatcherVersion version = MatcherVersion.Current) =>
        NameMatcher.Compare(new PreparedName(a, version), new PreparedName(b, version), person, version: version).Score;

    [Fact]
    public void Compare_IdenticalNames_ScoreOne() => Score("Qasem Soleimani", "SOLEIMANI, Qasem").ShouldBe(1, 1e-9);

    [Fact]
    public void Compare_JoinedAndSplitWords_AreClose() => Score("Abdulrahman Ali", "Abdul Rahman Ali").ShouldBeGreaterThan(0.9);

    [Fact]
    public void Compare_110_MissingMiddleName_CostsLessThanAnExtraQueryWord()
    {
        var missingMiddle = Score("Mohammad Naqdi", "Mohammad Reza Naqdi", version: MatcherVersion.V110);
        var extraWord = Score("Mohammad Reza Naqdi", "Mohammad Naqdi", version: MatcherVersion.V110);
        missingMiddle.ShouldBeGreaterThan(0.8);
        extraWord.ShouldBeLessThan(missingMiddle);
    }

    [Fact]
    public void Compare_120_ExtraQueryPartsOfAPerson_CostHalf_OnceTwoPartsArePaired()
    {
        // The UN writes "QASIM MOHAMED MAHDI AL-RIMI" (un:QDi.282); OFAC lists "AL-RIMI, Qasim" (ofac-sdn:11982).
        Score("Qasim Mohamed Mahdi Al-Rimi", "AL-RIMI, Qasim").ShouldBeGreaterThan(ScreeningOptions.DefaultThreshold);
        Score("Qasim Mohamed Mahdi Al-Rimi", "AL-RIMI, Qasim", version: MatcherVersion.V110).ShouldBeLessThan(ScreeningOptions.DefaultThreshold);
        // One shared word is no match, however many other words either name has.
        Score("Ali Naqdi", "Mohammad Naqdi").ShouldBeLessThan(0.75);
    }

    [Theory]
    [InlineData("Kasim Soleimani", "SOLEIMANI, Qasem")] // UN alias of IRi.039 against OFAC's 10481: q/k, e/i
    [InlineData("Husain Salimi", "SALIMI, Hosein")] // UN IRi.038 against OFAC 10584: o/u, ai/ei
    [InlineData("Ghasem Soleymani", "SOLEIMANI, Qasem")] // gh/q, ey/ei
    [InlineData("Dawood Ibrahim", "IBRAHIM, Daud")] // aw/au, oo/u
    [InlineData("Mohamed Yousef", "Muhammad Yusuf")] // name variants
    [InlineData("Yevgeny Prigozhin", "PRIGOZHIN, Evgeniy")] // Russian ye-/e-, -iy
    public void Compare_120_RomanisationVariants_Match(string query, string listed)
    {
        Score(query, listed).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Theory]
    [InlineData("Maria Chen", "CHINOUM, Marial")] // a short word is not any longer word that starts alike
    [InlineData("Luca Nwosu", "LUCAS")] // joined names must be of similar length
    [InlineData("Isla Jafari", "JAFARI, Milad")] // one exact word and one loose resemblance
    [InlineData("Jun Okafor", "O, In Jun")] // a listed one-letter name part is weak evidence
    public void Compare_120_CommonNameCollisions_StayBelowTheThreshold(string query, string listed)
    {
        Score(query, listed).ShouldBeLessThan(ScreeningOptions.DefaultThreshold);
    }

    [Fact]
    public void Compare_120_LegalFormsAreInterchangeable() =>
        Score("Hesong Trading Company", "HESONG TRADING CORPORATION", person: false).ShouldBeGreaterThan(0.9);

    [Fact]
    public void Compare_120_AdjacentPartsJoin() =>
        Score("Mojtaba Haji Hosseini Rokn Abadi", "HAJJI HOSEINI ROKNABADI, Mojtaba").ShouldBeGreaterThan(0.9);

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

    [Theory]
    [InlineData("قاسم سلیمانی", "SOLEIMANI, Qasem")] // Persian ی
    [InlineData("قاسم سليماني", "SOLEIMANI, Qasem")] // Arabic ي
    [InlineData("كتائب حزب الله", "KATA'IB HIZBALLAH")] // joined key "hdb l" = "hizballah"
    [InlineData("سالم أحمد سالم حمدان", "HAMDAN, Salim Ahmad Salim")] // un:QDi.003 / ofac-sdn:6941: hamza-alef, long a
    [InlineData("مجتبی حاجی حسینی رکن آبادی", "HAJJI HOSEINI ROKNABADI, Mojtaba")] // OFAC's own Persian for 38437
    [InlineData("عبد المجيد عزيز الزنداني", "AL-ZINDANI, Abd-Al-Majid Aziz")] // the article removed
    public void Compare_120_ArabicScriptAgainstRomanisation_Matches(string query, string listed) =>
        Score(query, listed).ShouldBeGreaterThanOrEqualTo(0.9);

    [Fact]
    public void Compare_UnrelatedShortNames_StayLow() => Score("John Smith", "Joan Smyth", version: MatcherVersion.V110).ShouldBeLessThan(0.85);
}

using System.Text;
using Interdict.Core.Matching;
using Interdict.Core.Text;

namespace Interdict.Core.Tests.Text;

public class NameSanitizerTests
{
    [Theory]
    [InlineData("Qassem Soleimani\uFEFF", "Qassem Soleimani")] // a byte-order mark
    [InlineData("Qas\u061Csem Soleimani", "Qassem Soleimani")] // an Arabic letter mark
    [InlineData("\u2067Qassem\u2069 \u200BSoleimani\u200D", "Qassem Soleimani")] // isolates, zero-width space and joiner
    [InlineData("Ｑａｓｓｅｍ\u3000Soleimani", "Qassem Soleimani")] // full-width letters, ideographic space
    [InlineData("Qassem\u00A0Soleimani", "Qassem Soleimani")] // no-break space
    [InlineData("Q\u0336assem", "Qassem")] // a combining long stroke over a letter
    [InlineData("Sоlеimаni", "Soleimani")] // Cyrillic о, е, а inside a Latin word
    [InlineData("Qassem Ѕоlеіmаnі", "Qassem Soleimani")] // a word all of Cyrillic look-alikes beside a Latin one
    public void Clean_RemovesWhatCannotBeSeen_AndReadsLookAlikesAsLatin(string written, string read) =>
        NameSanitizer.Clean(written).ShouldBe(read);

    [Theory]
    [InlineData("Сергей Иванов")] // a Cyrillic name stays Cyrillic
    [InlineData("قاسم سلیمانی")]
    [InlineData("John O'Brien")]
    public void Clean_LeavesOrdinaryNamesAsTheyAre(string name) => NameSanitizer.Clean(name).ShouldBe(name);

    [Fact]
    public void Clean_KeepsAPersianNonJoinerBetweenArabicLetters_AndDropsItElsewhere()
    {
        NameSanitizer.Clean("مهدی\u200Cپور").ShouldBe("مهدی\u200Cپور");
        NameSanitizer.Clean("Qas\u200Csem").ShouldBe("Qassem");
    }

    [Fact]
    public void LatinLookAlikeReading_ReadsGreekCapitalsAsLatin() =>
        NameSanitizer.LatinLookAlikeReading("ΤΕΜΡΒΑΝΚ").ShouldBe("TEMPBANK");

    [Fact]
    public void ALatinWordInAnArabicScriptName_IsReadIntoConsonantKeys()
    {
        // Issue #19: "Qasem" in Latin letters beside سلیمانی was kept as "qasem", never equal to a key.
        var mixed = new PreparedName("Qasem سلیمانی");
        mixed.Vowelless.ShouldBeTrue();
        mixed.Keys.ShouldBe(new PreparedName("قاسم سلیمانی").Keys);
    }

    [Fact]
    public void InertCharacters_AreNfkcAlone_AndNextToEachOther_AsIcuSays()
    {
        // The fast path skips ICU only for characters that NFKC keeps whatever surrounds them: each alone, and each after
        // every other (all of them below U+3000, every 37th of kana, Han and Hangul), must be normalised by ICU's word.
        var inert = Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => !char.IsSurrogate(c) && NameSanitizer.IsInertUnderNfkc(c)).ToArray();
        inert.Length.ShouldBeGreaterThan(30_000);
        foreach (var c in inert)
        {
            c.ToString().IsNormalized(NormalizationForm.FormKC).ShouldBeTrue($"U+{(int)c:X4}");
        }

        var sample = inert.Where((c, i) => c < '\u3000' || i % 37 == 0).ToArray();
        foreach (var a in sample)
        {
            foreach (var b in sample)
            {
                if (!string.Concat(a, b).IsNormalized(NormalizationForm.FormKC))
                {
                    throw new ShouldAssertException($"U+{(int)a:X4} U+{(int)b:X4} changes under NFKC");
                }
            }
        }

        // What is not inert still goes to ICU: a syllable and a trailing jamo compose, a ligature decomposes.
        NameSanitizer.IsNormalizedKC("\uAC00\u11A8").ShouldBeFalse();
        NameSanitizer.IsNormalizedKC("ﬁrm").ShouldBeFalse();
        NameSanitizer.IsNormalizedKC("Касем Сулеймани").ShouldBeTrue();
    }
}

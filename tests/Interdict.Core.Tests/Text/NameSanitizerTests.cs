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
}

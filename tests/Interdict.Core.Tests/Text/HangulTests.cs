using Interdict.Core.Text;

namespace Interdict.Core.Tests.Text;

/// <summary>Hangul syllables romanised as the sanctions lists spell North Korean names (Data/hangul.tsv).</summary>
public class HangulTests
{
    [Theory]
    [InlineData("김정은", "kim jong un")] // KIM Jong Un
    [InlineData("최룡해", "choe ryong hae")] // CHOE Ryong Hae
    [InlineData("장성택", "jang song thaek")] // JANG Song Thaek
    [InlineData("박봉주", "pak pong ju")] // PAK Pong Ju
    [InlineData("현영철", "hyon yong chol")] // HYON Yong Chol
    [InlineData("오극렬", "o kuk ryol")] // O Kuk Ryol
    [InlineData("리수용", "ri su yong")] // RI Su Yong
    [InlineData("Kim 정은 (KPi.031)", "kim jong un kpi 031")] // mixed scripts: only the Hangul is romanised
    public void Romanise_WritesEachSyllableAsANamePart(string hangul, string expected) =>
        NameNormalizer.Fold(Hangul.Romanise(hangul)).ShouldBe(expected);

    [Fact]
    public void Romanise_EverySyllable_IsLowerCaseLatinLetters()
    {
        // All 11,172 syllables: the table covers every initial, vowel and final.
        for (var c = '\uAC00'; c <= '\uD7A3'; c++)
        {
            Hangul.Romanise(c.ToString()).Trim().ShouldMatch("^[a-z]+$", $"U+{(int)c:X4}");
        }
    }

    [Theory]
    [InlineData("Kim Jong Un", false)]
    [InlineData("金正恩", false)] // Han, read by AnyAscii
    [InlineData("김정은", true)]
    public void Contains_FindsHangulSyllables(string text, bool expected) => Hangul.Contains(text).ShouldBe(expected);
}

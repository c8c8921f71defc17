using Interdict.Core.Matching;

namespace Interdict.Core.Tests.Matching;

public class TrigramIndexTests
{
    [Fact]
    public void Codes_AreTheDistinctPaddedTrigramsOfEveryWord_InAscendingOrder()
    {
        // "aaaa" repeats "aaa"; "al" and "aaaa" share " a"-padded trigrams: each code appears once.
        var codes = TrigramIndex.Codes(["aaaa", "al", "ali"]);

        var expected = new[] { " aa", "aaa", "aa ", " al", "al ", "ali", "li " }.Select(Code).Distinct().Order().ToArray();
        codes.ShouldBe(expected);
    }

    [Fact]
    public void Candidates_FindTheNameSharingTheQuerysRareTrigrams_AndNotOneSharingOnlyCommonOnes()
    {
        string[][] names = [["soleimani", "qasem"], ["qasim", "ali"], ["ali", "hasan"], ["hasan", "ali", "muhammad"]];
        var index = new TrigramIndex(names, weighted: true);

        var found = index.Candidates(TrigramIndex.Codes(["soleymani", "qasem"]), minShare: 0.26, max: 10).Select(c => c.Name).ToArray();

        found.ShouldContain(0);
        found.ShouldNotContain(2);
    }

    // The index's code of a padded trigram: space = 0, a-z = 1-26, 0-9 = 27-36, base 37.
    private static int Code(string trigram) => trigram.Aggregate(0, (code, c) => (code * 37) + (c == ' ' ? 0 : char.IsAsciiDigit(c) ? c - '0' + 27 : c - 'a' + 1));
}

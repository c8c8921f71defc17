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

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void WeightedCandidates_AreExactlyTheNamesWithEnoughSharedWeight_ComputedNameByName(double minDice)
    {
        // Thousands of names sharing common given names, so that the common trigrams' lists are long enough to be read as
        // bitsets and most touched names drop out of the running before the common lists are read. Whatever the path, the
        // names kept must be those a direct computation keeps.
        var random = new Random(20261129);
        string[] given = ["muhammad", "ali", "hasan", "husayn"];
        string Word() => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => "bakotirumesanidelu".Substring(random.Next(0, 16), 2)));
        var names = Enumerable.Range(0, 4_000)
            .Select(_ => (string[])[given[random.Next(given.Length)], .. random.Next(3) == 0 ? [given[random.Next(given.Length)]] : Array.Empty<string>(), Word(), Word()])
            .ToArray();
        var index = new TrigramIndex(names, weighted: true);
        index.BitsetCount.ShouldBeGreaterThan(0);
        var codes = names.Select(TrigramIndex.Codes).ToArray();
        var idf = codes.SelectMany(c => c).GroupBy(c => c).ToDictionary(g => g.Key, g => Math.Log((names.Length + 1.0) / (g.Count() + 1.0)));
        var nameWeight = codes.Select(c => c.Sum(x => idf[x])).ToArray();

        for (var q = 0; q < 300; q++)
        {
            // A listed name with one letter dropped, a word left out, or a word of another name.
            var tokens = names[random.Next(names.Length)].ToList();
            switch (q % 3)
            {
                case 0: var w = random.Next(tokens.Count); tokens[w] = tokens[w].Remove(random.Next(tokens[w].Length), 1); break;
                case 1: tokens.RemoveAt(random.Next(tokens.Count)); break;
                default: tokens.Add(names[random.Next(names.Length)][^1]); break;
            }

            var query = TrigramIndex.Codes([.. tokens.Where(t => t.Length > 0)]);
            var total = query.Sum(c => idf.GetValueOrDefault(c, Math.Log(names.Length + 1.0)));
            var found = index.Candidates(query, minShare: 0.26, max: names.Length, minDice).Select(c => c.Name).ToHashSet();

            for (var n = 0; n < names.Length; n++)
            {
                var shared = codes[n].Where(c => Array.BinarySearch(query, c) >= 0).Sum(c => idf[c]);
                var dice = 2 * shared / (total + nameWeight[n]);
                // A hair's margin either side for float sums added in another order.
                if (shared >= (0.26 * total) + 1e-3 && dice >= minDice + 1e-4)
                {
                    found.ShouldContain(n, $"query {string.Join(' ', tokens)}: {string.Join(' ', names[n])} shares {shared / total:P1} (Dice {dice:F3})");
                }
                else if (shared < (0.26 * total) - 1e-3 || dice < minDice - 1e-4)
                {
                    found.ShouldNotContain(n, $"query {string.Join(' ', tokens)}: {string.Join(' ', names[n])} shares {shared / total:P1} (Dice {dice:F3})");
                }
            }
        }
    }

    // The index's code of a padded trigram: space = 0, a-z = 1-26, 0-9 = 27-36, base 37.
    private static int Code(string trigram) => trigram.Aggregate(0, (code, c) => (code * 37) + (c == ' ' ? 0 : char.IsAsciiDigit(c) ? c - '0' + 27 : c - 'a' + 1));
}

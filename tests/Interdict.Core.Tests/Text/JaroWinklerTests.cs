using Interdict.Core.Text;

namespace Interdict.Core.Tests.Text;

public class JaroWinklerTests
{
    // Reference values from Winkler (1990) and the usual textbook examples.
    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("jellyfish", "smellyfish", 0.8963)]
    [InlineData("qasem", "qasem", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void Similarity_KnownPairs_MatchReferenceValues(string a, string b, double expected) =>
        JaroWinkler.Similarity(a, b).ShouldBe(expected, 0.0001);

    [Fact]
    public void Similarity_IsSymmetric() =>
        JaroWinkler.Similarity("soleimani", "suleimani").ShouldBe(JaroWinkler.Similarity("suleimani", "soleimani"), 1e-12);

    [Fact]
    public void Similarity_EmptyString_IsZero() => JaroWinkler.Similarity("", "abc").ShouldBe(0);

    [Fact]
    public void Jaro_OfShortStrings_IsExactlyTheJaroComputedWithArrays()
    {
        // Strings of up to 64 characters keep their matched positions as bits: the same matches, the same transpositions,
        // the same value to the last bit. Pairs of random letters from a small alphabet (many repeats and transpositions),
        // and of a string with itself shuffled; one pair in ten with letters outside ASCII (matched by another path).
        var random = new Random(29);
        string Random(int length, int letters) => new([.. Enumerable.Range(0, length).Select(_ => "aeiouhmnrsé"[random.Next(letters)])]);
        for (var k = 0; k < 100_000; k++)
        {
            var letters = k % 10 == 0 ? 11 : 10;
            var a = Random(random.Next(1, 65), letters);
            var b = k % 3 == 0 ? new string([.. a.OrderBy(_ => random.Next())]) : Random(random.Next(1, 65), letters);
            var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
            JaroWinkler.Jaro(a, b).ShouldBe(JaroWinkler.JaroOfAnyLength(shorter, longer), $"{a} / {b}");
        }
    }
}

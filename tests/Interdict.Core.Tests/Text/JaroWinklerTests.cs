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
}

using Interdict.Core.Matching;
using Interdict.Core.Text;

namespace Interdict.Core.Tests.Text;

/// <summary>Matcher 1.5.0: ث is s in a name written with Persian, Urdu or Pashto letters, t in Arabic.</summary>
public class PersianThaTests
{
    [Theory]
    [InlineData("ثناء اللہ غفاری", new[] { "sn", "l", "kfr" })] // Urdu heh goal and Persian yeh: GHAFARI, Sanaullah (ofac-sdn:33941)
    [InlineData("عثمان", new[] { "tmn" })] // Arabic: Uthman
    [InlineData("عثمان کریمی", new[] { "smn", "krm" })] // Persian keheh: Usman
    public void ArabicScriptWords_ReadTha_AsTheLanguageSaysIt(string text, string[] keys) =>
        Romanisation.ArabicScriptWords(text, dropFinalHah: true, splitCompounds: true, persianTha: true).Select(w => w.Key).ShouldBe(keys);

    [Fact]
    public void Current_FindsSanaullahGhafari_InUrduScript()
    {
        static double Score(MatcherVersion v) => NameMatcher.Compare(new PreparedName("ثناء اللہ غفاری", v), new PreparedName("GHAFARI, Sanaullah", v), lenientOnListedParts: true, explain: false, v).Score;
        Score(MatcherVersion.Current).ShouldBeGreaterThanOrEqualTo(0.83);
        Score(MatcherVersion.V140).ShouldBeLessThan(0.6);
    }
}

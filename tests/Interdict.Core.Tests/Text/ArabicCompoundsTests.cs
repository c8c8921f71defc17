using Interdict.Core.Matching;
using Interdict.Core.Text;

namespace Interdict.Core.Tests.Text;

/// <summary>Each form of arabic-compounds.tsv, with spellings the lists publish (OFAC, UN, UK).</summary>
public class ArabicCompoundsTests
{
    private static string Split(string name) => string.Join(' ', ArabicCompounds.Split(NameNormalizer.Tokenize(name)));

    [Theory]
    [InlineData("'Abd Al-Rahman")] // OFAC: AL-JUHNI, 'Abd Al-Rahman ...
    [InlineData("Abd-al-Rahman")]
    [InlineData("Abdel Rahman")]
    [InlineData("Abdul Rahman")]
    [InlineData("Abdelrahman")] // UK, UN
    [InlineData("Abdulrahman")]
    [InlineData("Abdalrahman")]
    [InlineData("Abdurrahman")] // the article's l assimilated to r (ar-Rahman)
    [InlineData("Abdur Rahman")]
    [InlineData("Abdirahman")] // Somali: a linking vowel, no article
    [InlineData("Abdourahman")]
    public void Split_ReadsEverySpellingOfAbdAlRahman_AsAbdAndRahman(string name) => Split(name).ShouldBe("abd rahman");

    [Theory]
    [InlineData("Nur al-Din")] // OFAC: AL-DIBISKI, Nur Al-Din
    [InlineData("Nur ad-Din")]
    [InlineData("Nour Eldin")] // OFAC: AL-DABSKI, Salem Nor Eldin Amohamed
    [InlineData("Nureddin")]
    [InlineData("Nuruddin")]
    [InlineData("Nur Uddin")]
    public void Split_ReadsEverySpellingOfNurAlDin_AsTheNameAndDin(string name) => Split(name).ShouldEndWith(" din");

    [Theory]
    [InlineData("Abdessalam", "abd salam")] // the doubled sun letter: as-Salam
    [InlineData("Abderrahmane", "abd rahmane")]
    [InlineData("Abdelkader", "abd kader")]
    [InlineData("Abdelhak", "abd hak")] // a three-letter name after the article
    [InlineData("Salahuddin Ayubi", "salah din ayubi")]
    [InlineData("Ahmed Abdul Aziz", "ahmed abd aziz")]
    [InlineData("Abdurahman", "abd rahman")] // single r: abdu + rahman, not abdur + ahman
    public void Split_SplitsCompoundsInsideLongerNames(string name, string split) => Split(name).ShouldBe(split);

    [Theory]
    [InlineData("Abdullah")] // abd + Allah: a name of its own
    [InlineData("Abdallah")]
    [InlineData("Abdullahi")]
    [InlineData("Abdoulaye")] // West African Abdullah
    [InlineData("Abdulla")]
    [InlineData("Abdi Mohamed")] // Abdi on its own is a given name
    [InlineData("Abdul")] // nothing after it
    [InlineData("Nur Ahmad")]
    [InlineData("Aladdin")] // too short a first part to be a -din compound
    public void Split_LeavesOtherNamesAsTheyAre(string name)
    {
        var tokens = NameNormalizer.Tokenize(name);
        ArabicCompounds.Split(tokens).ShouldBeSameAs(tokens);
    }

    [Fact]
    public void PreparedName_SplitsCompounds_From150Only()
    {
        new PreparedName("Abdelrahman").Tokens.ShouldBe(["abd", "rahman"]);
        new PreparedName("Abdelrahman", MatcherVersion.V140).Tokens.ShouldBe(["abdelrahman"]);
    }

    [Theory]
    [InlineData("عبدالرحمن", new[] { "bd", "rhmn" })] // joined: abd and the name, the article removed
    [InlineData("عبد الرحمن", new[] { "bd", "rhmn" })] // apart, as before
    [InlineData("نورالدين", new[] { "nr", "dn" })]
    [InlineData("عبدالله", new[] { "bdl" })] // Abdullah stays whole
    public void ArabicScriptKeys_SplitJoinedCompounds_From150(string text, string[] keys) =>
        Romanisation.ArabicScriptWords(text, dropFinalHah: true, splitCompounds: true).Select(w => w.Key).ShouldBe(keys);
}

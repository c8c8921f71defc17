using FsCheck;
using FsCheck.Fluent;
using Interdict.Core.Matching;
using Interdict.Core.Text;

namespace Interdict.Core.Tests.Matching;

/// <summary>
/// Generated names, made of the fragments the normalisation rules look for (articles, abd and din compounds, Somali and
/// dh spellings, Arabic, Hebrew and Hangul letters, punctuation): every matcher version prepares them without failing,
/// reading compounds is stable, and a name is always a full match for itself.
/// </summary>
public class NormalisationPropertyTests
{
    private static readonly string[] Fragments =
    [
        "abd", "Abdul", "abdel", "ABDUR", "abdi", "rahman", "Rahman", "aziz", "al", "el", "ad", "ur", "-", "'", " ", "  ", ",",
        "nur", "eddin", "uddin", "din", "Deen", "allah", "lah", "ullah", "dh", "Dhawahri", "xasan", "Xu", "x", "sh", "w", "y",
        "Muhammad", "Mahmoud", "Hassan", "Husayn", "Derwish", "LLC", "Co.", "III", "7", "O'Brien", "Jean-Luc",
        "عبد", "الرحمن", "عبدالله", "نورالدين", "ال", "ה", "משה", "김정은", "Ё", "Сергей", "é", "\u200C", "\u200F",
    ];

    private static readonly Arbitrary<string> Names =
        Gen.ArrayOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts)).ToArbitrary();

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void EveryVersion_PreparesAnyName_IntoNonEmptyParts() =>
        Check.One(Config, Prop.ForAll(Names, name =>
            MatcherVersions.All.All(v => new PreparedName(name, v) is var p
                && p.Tokens.All(t => t.Length > 0) && p.Folded.Length == p.Tokens.Length && p.Keys.Length == p.Tokens.Length)));

    [Fact]
    public void ReadingCompounds_IsStable() =>
        Check.One(Config, Prop.ForAll(Names, name =>
        {
            var once = ArabicCompounds.Split(NameNormalizer.Tokenize(name));
            return ArabicCompounds.Split(once).SequenceEqual(once);
        }));

    [Fact]
    public void AName_IsAFullMatchForItself() =>
        Check.One(Config, Prop.ForAll(Names, name =>
        {
            var prepared = new PreparedName(name);
            return prepared.Tokens.Length == 0 || NameMatcher.Compare(prepared, new PreparedName(name), lenientOnListedParts: true, explain: false).Score >= 0.999;
        }));
}

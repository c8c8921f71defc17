using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Interdict.Core.Text;

namespace Interdict.Core.Matching.Rules;

/// <summary>One word of a name after the token rules: its token, the words as written that it stands for, and the rule that made it.</summary>
/// <param name="Token">The folded word compared.</param>
/// <param name="Written">The folded words it was read from (the token itself when no rule applied).</param>
/// <param name="Rule">What the rule read, e.g. <c>legal form: aktiengesellschaft = jsc</c>; null when none applied.</param>
internal readonly record struct RuleToken(string Token, string Written, string? Rule);

/// <summary>A rule that reads a name's words into other words before comparison (on the query and on listed names alike).</summary>
internal interface ITokenRule
{
    /// <summary>The rule's name, as explanations give it.</summary>
    string Name { get; }

    /// <summary>Rewrites the words in place.</summary>
    void Apply(List<RuleToken> tokens);
}

/// <summary>
/// Rule "legal form": legal and organisational forms written out or abbreviated, in many languages and scripts, read
/// as one canonical abbreviation (Data/legal-forms.tsv): "Aktiengesellschaft" and "AG", "Open Joint Stock Company" and
/// "OAO". A form of one short word (three letters or fewer: AG, SA, AS, PT) is read so only first or last in a name of
/// several words, where legal forms stand; elsewhere it may be a word of the name (Abu al-As). An abbreviation of two to
/// four letters is also read with its letters apart (B.V., S.A.), at either end only.
/// </summary>
internal sealed class LegalFormRule : ITokenRule
{
    // Words that link the abbreviations of a form (S.A. DE C.V., S. EN C.).
    private static readonly FrozenSet<string> Linking = FrozenSet.Create(StringComparer.Ordinal, "de", "del", "en", "y", "e", "et", "und", "and", "of", "di", "da", "do", "van");

    public static readonly LegalFormRule Instance = new();

    // Forms by their first word, longest first.
    private readonly FrozenDictionary<string, (string[] Words, string Canonical)[]> _byFirst;

    private LegalFormRule()
    {
        var forms = new List<(string[] Words, string Canonical)>();
        foreach (var f in ReferenceData.ReadTsv("legal-forms.tsv"))
        {
            var words = NameNormalizer.Tokenize(f[1]);
            if (words.Length > 0)
            {
                forms.Add((words, f[0]));
            }

            // A form written in abbreviations of a few letters is also written with their letters apart: B.V., S.A.,
            // L.L.C., S.A. DE C.V. (the words that link abbreviations stay whole).
            if (words.All(w => w.Length <= 4 && w.All(char.IsAsciiLetter)) && words.Any(w => w.Length >= 2 && !Linking.Contains(w)))
            {
                forms.Add(([.. words.SelectMany(w => w.Length == 1 || Linking.Contains(w) ? [w] : w.Select(c => c.ToString()))], f[0]));
            }
        }

        _byFirst = forms.GroupBy(f => f.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(f => f.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    public string Name => "legal form";

    public void Apply(List<RuleToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_byFirst.TryGetValue(tokens[i].Token, out var forms))
            {
                continue;
            }

            foreach (var (words, canonical) in forms)
            {
                if (i + words.Length > tokens.Count || !Matches(tokens, i, words))
                {
                    continue;
                }

                // One short word, or letters apart: only at either end of a name of several words.
                if (((words.Length == 1 && words[0].Length <= 3) || words.All(w => w.Length == 1))
                    && !(tokens.Count > words.Length && (i == 0 || i + words.Length == tokens.Count)))
                {
                    continue;
                }

                var written = string.Join(' ', tokens.GetRange(i, words.Length).Select(t => t.Written));
                tokens.RemoveRange(i, words.Length);
                tokens.Insert(i, new RuleToken(canonical, written, written == canonical ? null : $"{Name}: {written} = {canonical}"));
                break;
            }
        }
    }

    // The words from i are the form's words; a form of three words or more may have one word misspelt (LIMITED LIABILITY
    // COPANY), when it is still 0.9 alike by Jaro-Winkler.
    private static bool Matches(List<RuleToken> tokens, int i, string[] words)
    {
        var misspelt = 0;
        for (var k = 0; k < words.Length; k++)
        {
            if (!string.Equals(tokens[i + k].Token, words[k], StringComparison.Ordinal)
                && (words.Length < 3 || k == 0 || ++misspelt > 1 || JaroWinkler.Similarity(tokens[i + k].Token, words[k]) < 0.9))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Rule "number": numbers written as words (cardinal or ordinal, Data/numbers.tsv), ordinals written with digits (2nd,
/// 21st) and Roman numerals (II to XXXIX after a name's first word, as in ARK III, not Xi Jinping; a lone I, V or X
/// only ending a name of several words, and not after another single letter: S A DE C V) read as digits:
/// "ARK 3", "ARK III" and "Ark Three" are one name. Compounds add up: "twenty one" and "twenty-one" are 21.
/// </summary>
internal sealed partial class NumberRule : ITokenRule
{
    public static readonly NumberRule Instance = new();

    private readonly FrozenDictionary<string, int> _words;

    private NumberRule() =>
        _words = ReferenceData.ReadTsv("numbers.tsv").ToFrozenDictionary(f => f[1], f => int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public string Name => "number";

    public void Apply(List<RuleToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].Token;
            int? value = null;
            var span = 1;
            if (_words.TryGetValue(token, out var w))
            {
                value = w;
                // Tens followed by a unit: twenty one, twenty-one.
                if (w is >= 20 and < 100 && w % 10 == 0 && i + 1 < tokens.Count && _words.TryGetValue(tokens[i + 1].Token, out var unit) && unit is >= 1 and <= 9)
                {
                    value = w + unit;
                    span = 2;
                }
            }
            else if (Ordinal().Match(token) is { Success: true } m)
            {
                value = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (RomanValue(token) is { } roman && i > 0 && (token.Length > 1 || (i == tokens.Count - 1 && tokens[i - 1].Token.Length > 1)))
            {
                value = roman;
            }

            if (value is { } v)
            {
                var written = string.Join(' ', tokens.GetRange(i, span).Select(t => t.Written));
                var digits = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
                tokens.RemoveRange(i, span);
                tokens.Insert(i, new RuleToken(digits, written, $"number: {written} = {digits}"));
            }
        }
    }

    /// <summary>The value of a Roman numeral of I to XXXIX written in lower case, or null.</summary>
    internal static int? RomanValue(string token)
    {
        if (token.Length is 0 or > 6 || token.AsSpan().ContainsAnyExcept("ivx") || !RomanShape().IsMatch(token))
        {
            return null;
        }

        var total = 0;
        for (var k = 0; k < token.Length; k++)
        {
            var v = token[k] switch { 'i' => 1, 'v' => 5, _ => 10 };
            var next = k + 1 < token.Length ? token[k + 1] switch { 'i' => 1, 'v' => 5, _ => 10 } : 0;
            total += v < next ? -v : v;
        }

        return total;
    }

    [GeneratedRegex("^x{0,3}(ix|iv|v?i{0,3})$")]
    private static partial Regex RomanShape();

    [GeneratedRegex("^([0-9]{1,4})(st|nd|rd|th)$")]
    private static partial Regex Ordinal();
}

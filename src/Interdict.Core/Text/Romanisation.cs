using System.Collections.Frozen;
using System.Text;
using Interdict.Core.Matching;

namespace Interdict.Core.Text;

/// <summary>
/// Folds romanisation variants of name parts together (Qasem / Ghasem / Kasem, Hossein / Husain, Mohamed / Muhammad)
/// and reduces names to consonant keys for comparing Arabic-script names with their romanisations. The rules are
/// reference data: <c>Data/romanisation.tsv</c>, <c>Data/name-variants.tsv</c> and <c>Data/arabic-script.tsv</c>.
/// </summary>
internal static class Romanisation
{
    private static readonly Lazy<Rules> Loaded = new(Load);

    /// <summary>The canonical spelling of a common name part (<c>mohamed</c> → <c>muhammad</c>), or null when it has none.</summary>
    public static string? Canonical(string token) => Loaded.Value.Variants.GetValueOrDefault(token);

    /// <summary>
    /// The canonical form of a common name part when the token is one of <c>name-variants.tsv</c>'s names, written in its
    /// canonical form or a variant (<c>hassan</c> → <c>hasan</c>, <c>hasan</c> → <c>hasan</c>); null otherwise.
    /// </summary>
    public static string? KnownName(string token) =>
        Loaded.Value.Variants.GetValueOrDefault(token) ?? (Loaded.Value.Canonicals.Contains(token) ? token : null);

    /// <summary>
    /// The folded form of a folded (lower-case ASCII) name part: its canonical variant when it has one, then the
    /// romanisation rules, doubled letters collapsed and a final h after a vowel dropped.
    /// </summary>
    /// <remarks>
    /// A rule that <c>romanisation.tsv</c> marks with a later matcher version than <paramref name="version"/> is not
    /// applied, so that older versions' scores stay reproducible.
    /// </remarks>
    public static string Fold(string token, MatcherVersion version = MatcherVersion.Current)
    {
        ArgumentNullException.ThrowIfNull(token);
        var rules = Loaded.Value;
        if (rules.Variants.TryGetValue(token, out var canonical))
        {
            token = canonical;
        }

        // Rules are tried longest first among those starting with the letter at hand; then doubled letters collapse.
        Span<char> buffer = token.Length <= 128 ? stackalloc char[token.Length * 3] : new char[token.Length * 3];
        var n = 0;
        var i = 0;
        while (i < token.Length)
        {
            var c = token[i];
            var applied = false;
            foreach (var (from, to, start, end, since) in c < 128 ? rules.ByFirst[c] : [])
            {
                if (since > version || (start && i != 0) || (end && i + from.Length != token.Length) || !token.AsSpan(i).StartsWith(from, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var t in to)
                {
                    Append(buffer, ref n, t);
                }

                i += from.Length;
                applied = true;
                break;
            }

            if (!applied)
            {
                Append(buffer, ref n, c);
                i++;
            }
        }

        // Drop a final h after a vowel.
        if (n > 2 && buffer[n - 1] == 'h' && IsVowel(buffer[n - 2]))
        {
            n--;
        }

        return new string(buffer[..n]);
    }

    // Appends a letter unless it doubles the last one (digits may repeat).
    private static void Append(Span<char> buffer, ref int n, char c)
    {
        if (n == 0 || buffer[n - 1] != c || char.IsAsciiDigit(c))
        {
            buffer[n++] = c;
        }
    }

    /// <summary>
    /// The consonant key of a folded Latin name part, comparable with <see cref="ArabicScriptKeys"/>: the folded form
    /// with kh, sh, th, dh reduced to k, s, t, d, vowels and glides (a e i o u w y) removed, and an article "al"/"el"
    /// joined to a longer word removed (Alghamdi = al-Ghamdi = الغامدي).
    /// </summary>
    public static string ConsonantKey(string token) => ConsonantKeyOfFolded(Fold(token));

    /// <summary>The consonant key of a name part already folded by <see cref="Fold"/> (saves folding twice).</summary>
    public static string ConsonantKeyOfFolded(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (folded.Length >= 5 && (folded.StartsWith("al", StringComparison.Ordinal) || folded.StartsWith("il", StringComparison.Ordinal)) && !IsVowel(folded[2]))
        {
            folded = folded[2..];
        }

        var key = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (i + 1 < folded.Length && folded[i + 1] == 'h' && c is 'k' or 's' or 't' or 'd')
            {
                key.Append(c);
                i++;
                continue;
            }

            if (!IsVowel(c) && c is not ('w' or 'y') && (key.Length == 0 || key[^1] != c))
            {
                key.Append(c);
            }
        }

        return KeyClasses(key.ToString());
    }

    /// <summary>
    /// The consonant keys of the words of an Arabic-script name, one per word: each letter by <c>arabic-script.tsv</c>,
    /// the article "ال" at the start of a word removed, a final ه dropped (as a final h is in Latin), doubled keys collapsed.
    /// Bidirectional marks are ignored and a zero-width non-joiner separates words. From 1.4.0 Hebrew words the same way
    /// (<c>hebrew-script.tsv</c>; a final ה dropped, the maqaf separates words).
    /// Words that leave no key (a lone vowel letter) are skipped.
    /// </summary>
    public static string[] ArabicScriptKeys(string text) => [.. ArabicScriptWords(text).Select(w => w.Key)];

    /// <summary>
    /// The words of an Arabic-script name as consonant keys (see <see cref="ArabicScriptKeys"/>), each with the Latin term
    /// of <c>arabic-script-terms.tsv</c> it stands for (a particle, title or legal form), or null.
    /// </summary>
    /// <remarks>
    /// <paramref name="dropFinalHah"/> (matcher 1.4.0): a final ح is dropped too, as Latin spellings drop a final h after a
    /// vowel (صالح / Saleh, فتاح / Fattah: "sl", "ft").
    /// </remarks>
    /// <remarks>
    /// <paramref name="splitCompounds"/> (matcher 1.5.0): a compound written as one word is read as two, as
    /// <see cref="ArabicCompounds"/> reads its romanisations: عبدالرحمن as عبد and رحمن, نورالدين as نور and دين
    /// (عبدالله, Abdullah, stays whole).
    /// </remarks>
    /// <remarks>
    /// <paramref name="persianTha"/> (matcher 1.5.0): in a name written with letters only Persian, Urdu or Pashto use
    /// (پ چ ژ گ ک ی ہ ے), ث is s, as those languages say it and their romanisations write it (ثناء اللہ / Sanaullah,
    /// عثمان / Usman); in Arabic it stays t (Uthman, Thabit).
    /// </remarks>
    public static (string Key, string? Term)[] ArabicScriptWords(string text, bool dropFinalHah = false, bool splitCompounds = false, bool persianTha = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var letters = Loaded.Value.Arabic;
        var terms = Loaded.Value.ArabicTerms;
        var keys = new List<(string, string?)>();
        // Bidirectional marks are dropped; a zero-width non-joiner separates the parts of a Persian compound, as a space would.
        var cleaned = new string([.. text.Normalize(NormalizationForm.FormKC).Where(c => c is not ('\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))]);
        var persian = persianTha && cleaned.AsSpan().ContainsAny(PersianLetters);
        var words = cleaned.Split((char[])[' ', '\t', '\u200C', '-', '\u2010', '\u05BE', '\u060C', ',', '.', '(', ')', '/', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        foreach (var raw in splitCompounds ? words.SelectMany(ArabicCompounds.SplitScriptWord) : words)
        {
            var word = raw;
            if (word.Length > 3 && word.StartsWith("ال", StringComparison.Ordinal))
            {
                word = word[2..];
            }

            // A word written in Latin letters inside a name written mostly in Arabic script (issue #19: "Qasem سلیمانی")
            // is read into the consonant keys of its folded parts, as a Latin name is.
            if (!word.Any(c => NameSanitizer.IsArabicScriptLetter(c) || NameSanitizer.IsHebrewLetter(c)) && word.Any(char.IsLetter))
            {
                foreach (var part in NameNormalizer.Tokenize(word))
                {
                    if (ConsonantKey(part) is { Length: > 0 } latinKey)
                    {
                        keys.Add((latinKey, null));
                    }
                }

                continue;
            }

            var term = terms.GetValueOrDefault(word);

            if (word.Length >= 2 && (word[^1] is 'ه' or 'ہ' or 'ה' || (dropFinalHah && word.Length >= 3 && word[^1] == 'ح')))
            {
                word = word[..^1];
            }

            var key = new StringBuilder();
            foreach (var c in word)
            {
                if (((c == 'ث' && persian) ? "s" : letters.GetValueOrDefault(c)) is { } k)
                {
                    foreach (var kc in k)
                    {
                        if (key.Length == 0 || key[^1] != kc)
                        {
                            key.Append(kc);
                        }
                    }
                }
                else if (char.IsAsciiLetterOrDigit(c))
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            if (key.Length > 0)
            {
                keys.Add((KeyClasses(key.ToString()), term));
            }
        }

        return [.. keys];
    }

    // Letters Persian, Urdu and Pashto write and Arabic does not (Persian yeh and kaf, Urdu heh goal and yeh barree).
    private static readonly System.Buffers.SearchValues<char> PersianLetters = System.Buffers.SearchValues.Create("پچژگکیہے");

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    // Letters romanised now one way, now another are one class in keys: d / z (ض ذ ظ: Ramadan / Ramazan, Fadl / Fazal)
    // and g / k (ق گ: Gaddafi / Qadhafi). Doubles are collapsed again afterwards.
    private static string KeyClasses(string key)
    {
        var b = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            var k = c switch { 'z' => 'd', 'g' => 'k', _ => c };
            if (b.Length == 0 || b[^1] != k)
            {
                b.Append(k);
            }
        }

        return b.ToString();
    }

    private static Rules Load()
    {
        var letters = new List<(string, string, bool, bool, MatcherVersion)>();
        foreach (var f in ReferenceData.ReadTsv("romanisation.tsv"))
        {
            var from = f[0];
            var start = from.StartsWith('^');
            var end = from.EndsWith('$');
            var since = MatcherVersion.V120;
            if (f.Length > 2 && !MatcherVersions.TryParse(f[2], out since))
            {
                throw new InvalidDataException($"romanisation.tsv: unknown matcher version '{f[2]}' for rule '{from}'");
            }

            letters.Add((from.Trim('^', '$'), f.Length > 1 ? f[1] : "", start, end, since));
        }

        var variants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in ReferenceData.ReadTsv("name-variants.tsv"))
        {
            foreach (var v in f[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                variants.TryAdd(v, f[0]);
            }
        }

        // Arabic-script and Hebrew letters (1.4.0) in one table: their code points do not overlap.
        var arabic = new Dictionary<char, string>();
        foreach (var f in ReferenceData.ReadTsv("arabic-script.tsv").Concat(ReferenceData.ReadTsv("hebrew-script.tsv")))
        {
            arabic[f[0][0]] = f.Length > 1 ? f[1] : "";
        }

        var arabicTerms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in ReferenceData.ReadTsv("arabic-script-terms.tsv"))
        {
            arabicTerms[f[0]] = f[1];
        }

        // Longest rule first at each position; anchored rules before unanchored ones of the same length. Grouped by
        // their first letter, in that order.
        var ordered = letters.Where(r => r.Item1.Length > 0).OrderByDescending(r => r.Item1.Length).ThenByDescending(r => r.Item3 || r.Item4).ToArray();
        var byFirst = new (string, string, bool, bool, MatcherVersion)[128][];
        for (var c = 0; c < 128; c++)
        {
            byFirst[c] = [.. ordered.Where(r => r.Item1[0] == c)];
        }

        return new Rules(
            byFirst,
            variants.ToFrozenDictionary(StringComparer.Ordinal),
            variants.Values.ToFrozenSet(StringComparer.Ordinal),
            arabic.ToFrozenDictionary(),
            arabicTerms.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private sealed record Rules((string From, string To, bool Start, bool End, MatcherVersion Since)[][] ByFirst, FrozenDictionary<string, string> Variants,
        FrozenSet<string> Canonicals,
        FrozenDictionary<char, string> Arabic, FrozenDictionary<string, string> ArabicTerms);
}

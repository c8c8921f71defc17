using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Interdict.Core.Model;
using Interdict.Core.Text;

namespace Interdict.Core.Matching.Rules;

/// <summary>
/// Rule "hypocorism": a given name meets its familiar forms (Data/hypocorisms.tsv) at <see cref="Similarity"/>, weaker
/// than the name itself: "Tom" / "Thomas", "Dima" / "Dmitry", "Bill" / "William"; two familiar forms of one name meet
/// each other too. Names are looked up folded and by their canonical spelling (name-variants.tsv).
/// </summary>
internal static class HypocorismRule
{
    /// <summary>The similarity a familiar form and its name are given.</summary>
    public const double Similarity = 0.9;

    // The name groups of each folded name and familiar form (one group per row of the data file), and the given names.
    private static readonly Lazy<(FrozenDictionary<string, int[]> Groups, FrozenSet<string> Full)> Table = new(Load);

    /// <summary>A mask of the name groups a folded word belongs to (0 when none), for a cheap first check.</summary>
    public static ulong Mask(string folded)
    {
        ulong mask = 0;
        foreach (var g in GroupsOf(folded))
        {
            mask |= 1UL << (g % 64);
        }

        return mask;
    }

    /// <summary>
    /// Whether two different folded words are a name and its familiar form, or two familiar forms of one name from one
    /// stem (Bill / Billy); two forms from different stems are different names (Hans / Jan, both of Johannes).
    /// </summary>
    public static bool Related(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        var ga = GroupsOf(a);
        return ga.Length > 0 && GroupsOf(b).Any(g => Array.IndexOf(ga, g) >= 0)
            && (IsFull(a) || IsFull(b) || (a.Length >= 3 && b.Length >= 3 && a.AsSpan(0, 3).SequenceEqual(b.AsSpan(0, 3))));
    }

    private static bool IsFull(string folded) =>
        Table.Value.Full.Contains(folded) || (Romanisation.Canonical(folded) is { } c && Table.Value.Full.Contains(c));

    private static int[] GroupsOf(string folded) =>
        Table.Value.Groups.TryGetValue(folded, out var g) ? g
        : Romanisation.Canonical(folded) is { } c && Table.Value.Groups.TryGetValue(c, out var h) ? h : [];

    private static (FrozenDictionary<string, int[]>, FrozenSet<string>) Load()
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var full = new HashSet<string>(StringComparer.Ordinal);
        var group = 0;
        foreach (var f in ReferenceData.ReadTsv("hypocorisms.tsv"))
        {
            foreach (var (word, given) in f[1].Split(',').Select(w => (w, false)).Prepend((f[0], true)))
            {
                var key = Romanisation.Fold(NameNormalizer.Fold(word));
                foreach (var k in new[] { key, Romanisation.Canonical(key) ?? key }.Distinct())
                {
                    (map.TryGetValue(k, out var l) ? l : map[k] = []).Add(group);
                    if (given)
                    {
                        full.Add(k);
                    }
                }
            }

            group++;
        }

        return (map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal), full.ToFrozenSet(StringComparer.Ordinal));
    }
}

/// <summary>
/// Rule "digits for letters": a query whose words mix letters and digits ("Qas3m So1eimani") is also read with the
/// digits as the letters they are typed for (0 o, 1 l or i, 3 e, 4 a, 5 s, 7 t, 8 b), and the best reading kept.
/// Numbers standing alone (ARK 3, 21st) are left as they are.
/// </summary>
internal static class DigitsForLettersRule
{
    /// <summary>The readings of <paramref name="text"/> with digits inside words read as letters (1 as l, then as i); none when there are no such words.</summary>
    public static IEnumerable<string> Readings(string text)
    {
        var words = text.Split(' ');
        if (!words.Any(Mixed))
        {
            yield break;
        }

        foreach (var one in new[] { 'l', 'i' })
        {
            yield return string.Join(' ', words.Select(w => Mixed(w) ? Read(w, one) : w));
        }
    }

    // A word with letters and digits that is not an ordinal (2nd, 21st).
    private static bool Mixed(string word) =>
        word.Any(char.IsLetter) && word.Any(char.IsAsciiDigit) && !(char.IsAsciiDigit(word[0]) && word.TrimStart("0123456789".ToCharArray()).ToLowerInvariant() is "st" or "nd" or "rd" or "th");

    private static string Read(string word, char one)
    {
        var b = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            b.Append(c switch { '0' => 'o', '1' => one, '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '@' => 'a', _ => c });
        }

        return b.ToString();
    }
}

/// <summary>
/// Rule "same script": two names both written in Han, Hangul or Japanese kana are compared in that script too, so
/// characters that differ count even where their Latin readings agree (金正恩 / 金正银, both "jin zheng en/yin" read
/// alike): the score is multiplied by the share of characters the two names have in common.
/// From 2.1.0 also two names both written in Arabic script, or both in Hebrew: compared by consonant key alone, different
/// names met whose letters differ (أحمد الحداد, Ahmad al-Haddad / حمید واحدی, Hamid Vahedi: both "hmd hd"). Their letters
/// are compared once the spellings of one letter are made one (hamza seats, ى ي ی, ة ه, ك ک, Hebrew final forms; short
/// vowel marks and tatweel are not letters) and a word's article ال removed, over the shorter name's letters (a long
/// vowel written on one side only, داود / داوود, or words the other name lacks, do not count against it: the words'
/// comparison weighs those).
/// </summary>
internal static class SameScriptRule
{
    /// <summary>
    /// 2.1.0: the name's Arabic-script or Hebrew letters, normalised, behind the script's tag (<c>a:</c>, <c>h:</c>);
    /// empty when it has none.
    /// </summary>
    public static string VowellessLetters(string text)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            return "";
        }

        var b = new StringBuilder(text.Length + 2);
        int arabic = 0, hebrew = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (b.Length > 0 && b[^1] != ' ')
            {
                b.Append(' ');
            }

            var start = b.Length;
            foreach (var c in word)
            {
                if (Normal(c) is var n && n != '\0')
                {
                    b.Append(n);
                    arabic += n is >= '\u0600' and <= '\u06FF' ? 1 : 0;
                    hebrew += n is >= '\u0590' and <= '\u05FF' ? 1 : 0;
                }
            }

            // The article: الحداد is حداد.
            if (b.Length - start >= 4 && b[start] == '\u0627' && b[start + 1] == '\u0644')
            {
                b.Remove(start, 2);
                arabic -= 2;
            }
        }

        if (arabic == 0 && hebrew == 0)
        {
            return "";
        }

        var letters = new StringBuilder(b.Length + 2).Append(arabic >= hebrew ? "a:" : "h:");
        foreach (var c in b.ToString())
        {
            if (c == ' ' ? letters.Length > 2 && letters[^1] != ' ' : arabic >= hebrew ? c is >= '\u0600' and <= '\u06FF' : c is >= '\u0590' and <= '\u05FF')
            {
                letters.Append(c);
            }
        }

        return letters.ToString().TrimEnd();
    }

    /// <summary>
    /// 2.1.0: the share of the shorter name's letter pairs (two letters in a row within a word, as a multiset; a word of
    /// one letter is its letter) that the other name has too, for two names of the same script
    /// (<see cref="VowellessLetters"/>); 1 when either has none or they are in different scripts. Pairs, not letters:
    /// the letters of بهرام (Bahram) are all in إبراهيم (Ibrahim), in another order.
    /// </summary>
    public static double VowellessShare(string a, string b) => a.Length <= 2 || b.Length <= 2 || a[0] != b[0] ? 1 : Share(PairsOf(a), PairsOf(b));

    /// <summary>
    /// The letter pairs of <see cref="VowellessLetters"/>, sorted (two chars in one int; a word of one letter: its
    /// letter), made once per name.
    /// </summary>
    public static int[] PairsOf(string letters)
    {
        if (letters.Length <= 2)
        {
            return [];
        }

        var pairs = new List<int>(letters.Length);
        var span = letters.AsSpan(2);
        foreach (var range in span.Split(' '))
        {
            var word = span[range];
            if (word.Length == 1)
            {
                pairs.Add(word[0]);
            }

            for (var i = 0; i + 1 < word.Length; i++)
            {
                pairs.Add((word[i] << 16) | word[i + 1]);
            }
        }

        pairs.Sort();
        return [.. pairs];
    }

    /// <summary>The share of the shorter of two sorted pair multisets that the other holds too; 1 when either is empty.</summary>
    public static double Share(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 1;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / Math.Min(a.Length, b.Length);
    }

    // One spelling per letter: hamza seats as their letter (أ إ آ ٱ: ا; ؤ: و; ئ: ي), a lone hamza dropped, ى ی ې ے as ي,
    // ة ۀ ھ ہ as ه, ک as ك; Hebrew final forms as the letter; anything else that is not a letter of the two scripts
    // (short vowel marks, tatweel, the zero-width non-joiner) dropped: '\0'.
    private static char Normal(char c) => c switch
    {
        '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627',
        '\u0624' => '\u0648',
        '\u0626' or '\u0649' or '\u06CC' or '\u06D0' or '\u06D2' => '\u064A',
        '\u0621' => '\0',
        '\u0629' or '\u06C0' or '\u06BE' or '\u06C1' => '\u0647',
        '\u06A9' => '\u0643',
        '\u05DA' => '\u05DB',
        '\u05DD' => '\u05DE',
        '\u05DF' => '\u05E0',
        '\u05E3' => '\u05E4',
        '\u05E5' => '\u05E6',
        >= '\u0620' and <= '\u064A' => c,
        >= '\u0671' and <= '\u06D3' => c,
        >= '\u05D0' and <= '\u05EA' => c,
        _ => '\0',
    };

    /// <summary>The name's Han, Hangul and kana characters in order (empty when it has none).</summary>
    public static string Letters(string text)
    {
        // Most listed names are in Latin letters: nothing to collect, nothing to allocate.
        if (System.Text.Ascii.IsValid(text))
        {
            return "";
        }

        var b = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCounted(rune.Value))
            {
                b.Append(rune.ToString());
            }
        }

        return b.ToString();
    }

    /// <summary>The share of characters two such names have in common (as multisets, over the longer), 1 when either has none.</summary>
    public static double Share(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 1;
        }

        var left = a.EnumerateRunes().GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        var lengthB = 0;
        foreach (var r in b.EnumerateRunes())
        {
            lengthB++;
            if (left.TryGetValue(r, out var n) && n > 0)
            {
                left[r] = n - 1;
                common++;
            }
        }

        var lengthA = a.EnumerateRunes().Count();
        return (double)common / Math.Max(lengthA, lengthB);
    }

    private static bool IsCounted(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2FA1F) or (>= 0xF900 and <= 0xFAFF) // Han
            or (>= 0xAC00 and <= 0xD7A3) or (>= 0x1100 and <= 0x11FF) // Hangul
            or (>= 0x3040 and <= 0x30FF); // Hiragana, Katakana
}

/// <summary>
/// Rule "roles": parts of a name have roles, and a person's own given name does not pair with a forefather's. The word
/// right after a lineage marker (bin, ibn, bint, ben, ould) is a father's or forefather's name, and the word right
/// before the first marker the person's own: "Khalid bin Hamad" is not "Hamad bin Khalid". An East Slavic patronymic (Ivanovich, Petrovna)
/// pairs only with a patronymic: "Ivan Petrovich" is not "Petr Ivanovich".
/// </summary>
internal static class RoleRule
{
    /// <summary>No role known.</summary>
    public const byte None = 0;

    /// <summary>The person's own given name: right before the first lineage marker.</summary>
    public const byte Own = 1;

    /// <summary>A father's or forefather's name: right after a lineage marker.</summary>
    public const byte Ancestor = 2;

    /// <summary>
    /// The roles of a name's parts, from which of them are lineage markers: the word right before the first marker is
    /// the person's own given name, the word right after each marker (after an article: bin al-Azhar) a forefather's.
    /// A marker opening the name is part of a family name (BEN ATTIA, Nabil Ben Mohamed; Bin Ladin), not a lineage.
    /// </summary>
    public static byte[] Roles(bool[] lineage, string[] terms)
    {
        var roles = new byte[lineage.Length];
        var first = true;
        for (var m = 1; m < lineage.Length - 1; m++)
        {
            if (!lineage[m] || lineage[m - 1])
            {
                continue;
            }

            if (first && !lineage[m - 1])
            {
                roles[m - 1] = Own;
                first = false;
            }

            var k = m + 1;
            if (terms[k] is "al" or "el" or "ul" && k + 1 < lineage.Length)
            {
                k++;
            }

            if (!lineage[k])
            {
                roles[k] = Ancestor;
            }
        }

        return roles;
    }

    /// <summary>Whether two parts' roles forbid pairing them: own name against a forefather's.</summary>
    public static bool Conflict(byte a, byte b) => (a == Own && b == Ancestor) || (a == Ancestor && b == Own);
}

/// <summary>
/// Rule "acronym": a query of one word, four to ten letters, that spells the initials of a listed organisation's name of
/// three words or more is that organisation, at <see cref="Score"/>. The letters take the words' initials in order,
/// from the first word to the last; linking words (of, and, the, al...) and legal forms may be left out, and so may one
/// other word (MODAFL: Ministry Of Defense And [Armed] Forces Logistics). Only the initials count: one letter off is
/// another organisation.
/// </summary>
internal static class AcronymRule
{
    /// <summary>The name score of a query that is an organisation's acronym.</summary>
    public const double Score = 0.9;

    private static readonly FrozenSet<string> Linking = new[] { "of", "and", "the", "for", "de", "del", "la", "le", "des", "du", "al", "el", "va", "e", "i", "y", "und", "der", "die", "fur" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a folded word may be an acronym: four to ten letters.</summary>
    public static bool MayBeAcronym(string word) => word.Length is >= 4 and <= 10 && word.All(char.IsAsciiLetter);

    /// <summary>The initials of a name's words (not legal forms, not numbers), and a mask of those that may be left out (linking words).</summary>
    public static string Initials(string[] tokens, out ulong linking)
    {
        linking = 0;
        var words = tokens.Where(t => t.Length > 0 && char.IsAsciiLetter(t[0]) && NameTerms.CategoryOf(t) != "legal-form").Take(64).ToArray();
        if (words.Length < 3)
        {
            return "";
        }

        for (var i = 0; i < words.Length; i++)
        {
            linking |= Linking.Contains(words[i]) ? 1UL << i : 0;
        }

        return string.Concat(words.Select(w => w[0]));
    }

    /// <summary>Whether <paramref name="word"/> spells <paramref name="initials"/> in order, leaving out only linking words and at most one other.</summary>
    public static bool Matches(string word, string initials, ulong linking)
    {
        if (initials.Length < word.Length || initials.Length > word.Length + 4 || initials[0] != word[0]
            || word[^1] != initials[^1])
        {
            return false;
        }

        return Walk(word, 0, initials, 0, linking, skipsLeft: 1);

        static bool Walk(string word, int w, string initials, int i, ulong linking, int skipsLeft)
        {
            if (w == word.Length)
            {
                // Whatever is left must be linking words.
                for (var k = i; k < initials.Length; k++)
                {
                    if ((linking & (1UL << k)) == 0)
                    {
                        return false;
                    }
                }

                return true;
            }

            if (i == initials.Length)
            {
                return false;
            }

            if (word[w] == initials[i] && Walk(word, w + 1, initials, i + 1, linking, skipsLeft))
            {
                return true;
            }

            var linkingWord = (linking & (1UL << i)) != 0;
            return (linkingWord || skipsLeft > 0) && i > 0 && Walk(word, w, initials, i + 1, linking, linkingWord ? skipsLeft : skipsLeft - 1);
        }
    }
}

/// <summary>
/// Rule "date placeholders": lists and customer files that know only a year of birth often write it as 1 January of
/// that year. Such a date (either side) is read as its year, within <see cref="ToleranceYears"/> years of a published
/// date: "1975-01-01" against a published 27 May 1973 is consistent (lists disagree on years), not a different person.
/// </summary>
internal static class DatePlaceholderRule
{
    /// <summary>How many years a placeholder date may lie from a published date and still be read as consistent.</summary>
    public const int ToleranceYears = 2;

    /// <summary>Whether a date is a 1 January placeholder.</summary>
    public static bool IsPlaceholder(PartialDate date) => date.Month == 1 && date.Day == 1;

    /// <summary>Whether a query date and a published one agree once a placeholder among them is read as a year.</summary>
    public static bool Consistent(PartialDate query, DateOfBirth published, int tolerance) =>
        (IsPlaceholder(query) || (published.From == published.To && IsPlaceholder(published.From)))
        && query.Earliest.Year >= published.Earliest.Year - tolerance && query.Earliest.Year <= published.Latest.Year + tolerance;

    /// <summary>How the rule read the two dates, for the explanation.</summary>
    public static string Explain(PartialDate query, string published, int tolerance) => string.Create(CultureInfo.InvariantCulture,
        $"{query} read with published DOB {published}: a 1 January date is read as a year-only placeholder, within {tolerance} years");
}

using Interdict.Core.Matching.Rules;
using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>Similarity of single parts (words) of two names: the rules of each matcher version.</summary>
internal static partial class NameMatcher
{
    /// <summary>
    /// Similarity of two folded name parts, 0–1. With <paramref name="skeletons"/> (one name is written without
    /// vowels), consonant skeletons are compared too (1.1.0).
    /// </summary>
    public static double TokenSimilarity(string a, string b, bool skeletons = false) =>
        TokenSimilarity(a, b, a, b, Skeleton(a), Skeleton(b), legalA: false, legalB: false, skeletons, MatcherVersion.V110);

    /// <summary>
    /// Similarity of two name parts given their folded forms, keys and whether each is a company legal form, 0–1, as
    /// <paramref name="version"/> computes it.
    /// </summary>
    /// <remarks>
    /// <paramref name="letters"/>: the parts' letter masks when they were made beforehand (<see cref="PartInfo"/>), so
    /// that most unrelated pairs are told apart without reading them.
    /// </remarks>
    internal static double TokenSimilarity(string a, string b, string foldedA, string foldedB, string keyA, string keyB, bool legalA, bool legalB, bool byKey, MatcherVersion version,
        bool digitsChecked = false, LetterMasks letters = default)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        // 2.0.0, rule "legal form": a legal form pairs with a legal form only (compared by key, a word in Arabic script
        // may be a form the table does not know as written). The score bound reads this through PartSimilarity.
        if (legalA != legalB && !byKey && MatcherProfile.For(version).LegalFormsNeutral)
        {
            return 0;
        }

        // Numbers (vessel numerals, years in names) must agree exactly.
        if (!digitsChecked && (HasDigit(a) || HasDigit(b)))
        {
            return 0;
        }

        // Roman numerals in vessel and company names (ARK II / ARK III) must agree exactly too; from 1.3.0 also against a
        // single i, v or x, which is no initial of them (BICENTENARIO XIV / BICENTENARIO X).
        if ((IsRomanNumeral(a) && IsRomanNumeral(b))
            || (version >= MatcherVersion.V130 && ((IsRomanNumeral(a) && IsNumeralLetter(b)) || (IsRomanNumeral(b) && IsNumeralLetter(a)))))
        {
            return 0;
        }

        // An initial matches a name that starts with it (from 1.2.0 as weaker evidence: "O" is a whole Korean surname,
        // and a listed initial says little). From 1.4.0 not when comparing consonant keys: a key of one consonant is a
        // whole word (לוי, Levi: "l"), compared by key below.
        if (((a.Length == 1 && b.StartsWith(a[0])) || (b.Length == 1 && a.StartsWith(b[0]))) && !(byKey && version >= MatcherVersion.V140))
        {
            return version >= MatcherVersion.V120 ? Weak(InitialSimilarity120) : 0.8;
        }

        // 1.2.0: most pairs of parts are unrelated; when no rule below can apply, say so without computing similarities.
        if (version >= MatcherVersion.V120 && !byKey && !(legalA && legalB) && !(a.Length >= 4 && b.Length >= 4 && a[0] == b[0] && string.Equals(keyA, keyB, StringComparison.Ordinal))
            && Below(a, b, letters.A, letters.B, MinTokenSimilarity) && Below(foldedA, foldedB, letters.FoldedA, letters.FoldedB, MinFoldedSimilarity))
        {
            return 0;
        }

        // By key (a word read into consonant keys against a Latin word), the words as written are seldom alike at all: told
        // from the letters' upper bound (from the masks made once per part, when there are any) without computing it.
        var jw = byKey && (letters.A != 0 && letters.B != 0 ? JaroWinkler.UpperBound(a, letters.A, b, letters.B) : JaroWinkler.UpperBound(a, b)) < MinTokenSimilarity - 1e-9
            ? 0
            : JaroWinkler.Similarity(a, b);
        var similarity = jw < MinTokenSimilarity ? 0 : Calibrate(jw);

        // 1.2.0: romanisation variants (Kasim / Qasem, Hossein / Husain, Mohamed / Muhammad).
        if (version >= MatcherVersion.V120 && similarity < 1 && !byKey)
        {
            var f = string.Equals(foldedA, foldedB, StringComparison.Ordinal) ? 1 : JaroWinkler.Similarity(foldedA, foldedB);
            similarity = Math.Max(similarity, f < MinFoldedSimilarity ? 0 : FoldedFactor * Calibrate(f));
        }

        // 1.2.0: legal forms are interchangeable (Company / Corporation / Co / Ltd): the publisher's choice, not the party's.
        if (version >= MatcherVersion.V120 && similarity < 0.9 && legalA && legalB)
        {
            similarity = 0.9;
        }

        // 1.2.0: the same consonants in the same order with other vowels (Shihab / Shahab, Mahajar / Muhajir) is weaker
        // evidence, for words of four letters or more with the same first letter.
        // 1.5.0: not between two different names of name-variants.tsv, whose consonants agree by chance: Hassan / Husayn
        // (حسن, حسين: "hsn"), Mohammed / Mahmoud (محمد, محمود: "mhmd").
        if (version >= MatcherVersion.V120 && similarity < LatinKeySimilarity && !byKey && a.Length >= 4 && b.Length >= 4 && a[0] == b[0]
            && keyA.Length >= 3 && string.Equals(keyA, keyB, StringComparison.Ordinal) && !(version >= MatcherVersion.V150 && (DifferentKnownNames(a, b) || !LatinConsonantsAgree(foldedA, foldedB))))
        {
            similarity = LatinKeySimilarity;
        }

        // 1.2.0: Jaro-Winkler rewards a shared start, so a short word looks like any longer word that begins the same
        // way ("chen" / "chinoum"); words of very different lengths are discounted.
        // (Lengths after folding count too: "hassan" and "asan" differ by a doubled letter and an h, not by a third.)
        if (version >= MatcherVersion.V120 && similarity > 0 && !byKey && Math.Max(LengthRatio(a, b), LengthRatio(foldedA, foldedB)) is < 0.75 and var ratio)
        {
            similarity *= ratio / 0.75;
        }

        // Arabic and Hebrew script are written without short vowels: "qsm" (قاسم) against "qasem". Compare consonant
        // skeletons (1.1.0) or keys (1.2.0) when exactly one name is written so, a little below a spelled-out match.
        if (byKey && similarity < 1 && keyA.Length > 0 && keyB.Length > 0)
        {
            var sk = string.Equals(keyA, keyB, StringComparison.Ordinal) ? 1 : JaroWinkler.UpperBound(keyA, keyB) < 0.85 - 1e-9 ? 0 : JaroWinkler.Similarity(keyA, keyB);
            similarity = Math.Max(similarity, sk < 0.85 ? 0 : KeyFactor(Math.Min(keyA.Length, keyB.Length), version) * Calibrate(sk));
        }

        // 1.4.0: an East Slavic family name and the patronymic made from the same name are different parts of a name
        // ("PETROV" / "Petrovna", "VASILIEV" / "Vasilievich"), however alike they look.
        if (version >= MatcherVersion.V140 && similarity > 0 && (IsPatronymicOf(a, b) || IsPatronymicOf(b, a)))
        {
            return 0;
        }

        return version >= MatcherVersion.V120 ? Weak(similarity) : similarity;
    }

    // 1.5.0: two Latin words alike by consonant key must also agree on what the key merges for Arabic script's sake:
    // sh and s (ش, س), and w and y written as consonants (DERWISH / DARASS: both "drs").
    private static bool LatinConsonantsAgree(string a, string b)
    {
        return Signature(a) == Signature(b);

        static (int Sh, int W, int Y) Signature(string word)
        {
            int sh = 0, w = 0, y = 0;
            for (var i = 0; i < word.Length; i++)
            {
                switch (word[i])
                {
                    case 's' when i + 1 < word.Length && word[i + 1] == 'h':
                        sh++;
                        break;
                    case 'w':
                        w++;
                        break;
                    case 'y' when i + 1 < word.Length && "aeiou".Contains(word[i + 1], StringComparison.Ordinal):
                        y++;
                        break;
                }
            }

            return (sh, w, y);
        }
    }

    // Two different common names of name-variants.tsv (each written as its canonical form or a variant of it).
    private static bool DifferentKnownNames(string a, string b) =>
        Romanisation.KnownName(a) is { } x && Romanisation.KnownName(b) is { } y && !string.Equals(x, y, StringComparison.Ordinal);

    // 1.4.0: the patronymic endings that follow a stem in -ov / -ev, and the family names made from that stem.
    private static readonly string[] StemPatronymicEndings = ["ich", "ych", "itch", "na"];

    /// <summary>
    /// 1.4.0: whether <paramref name="patronymic"/> is an East Slavic patronymic and <paramref name="family"/> the family
    /// name made from the same stem: <c>petrovna</c> / <c>petrov</c> or <c>petrova</c>, <c>vasilievich</c> /
    /// <c>vasiliev</c>.
    /// </summary>
    internal static bool IsPatronymicOf(string patronymic, string family)
    {
        if (family.Length < 4 || patronymic.Length <= family.Length || !PreparedName.IsPatronymic(patronymic))
        {
            return false;
        }

        foreach (var ending in StemPatronymicEndings)
        {
            if (patronymic.EndsWith(ending, StringComparison.Ordinal))
            {
                var stem = patronymic.AsSpan(0, patronymic.Length - ending.Length);
                if (stem.EndsWith("ov") || stem.EndsWith("ev"))
                {
                    var f = family.AsSpan();
                    return f.SequenceEqual(stem) || (f.Length == stem.Length + 1 && f[^1] == 'a' && f.StartsWith(stem));
                }
            }
        }

        return false;
    }

    // A skeleton match is weaker evidence than a spelled-out one: many names share consonants.
    private const double SkeletonFactor = 0.92;

    // 1.2.0: the longer the matching consonant key, the stronger the evidence (three consonants already narrow a name).
    private static double KeyFactor(int length, MatcherVersion version) => version < MatcherVersion.V120
        ? SkeletonFactor
        : length switch { <= 2 => 0.9, 3 => 0.94, _ => 0.96 };

    /// <summary>True for a word of three or more letters with no vowel letter (a, e, i, o, u).</summary>
    internal static bool IsVowelless(string token) => token.Length >= 3 && !token.AsSpan().ContainsAny("aeiou") && !HasDigit(token);

    /// <summary>
    /// The consonant skeleton of a folded word: the first letter, then the consonants without a, e, i, o, u, y, w, h
    /// (which Arabic script writes as long vowels or not at all), doubled letters collapsed.
    /// </summary>
    internal static string Skeleton(string token)
    {
        Span<char> buffer = token.Length <= 64 ? stackalloc char[token.Length] : new char[token.Length];
        var n = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (i > 0 && "aeiouywh".Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (n > 0 && buffer[n - 1] == c)
            {
                continue;
            }

            buffer[n++] = c;
        }

        return new string(buffer[..n]);
    }

    /// <summary>
    /// Maps raw Jaro-Winkler to a stricter scale: JW is generous to short unrelated words ("john"/"joan" = 0.88).
    /// </summary>
    public static double Calibrate(double jw) => Math.Clamp(1 - ((1 - jw) * 1.6), 0, 1);

    // The row of cached similarities for listed part j, when similarities are cached: a listed name's parts compared as
    // written, and by key when the cache keeps such rows (2.0.0 only: 1.5.0 compared by key afresh; a cached similarity
    // is stored plus one, which can move its last bit, and 1.5.0's scores stay exactly as recorded).
    private static Span<double> RowOf(PreparedName listed, int j, bool byKey, TokenCache? cache) =>
        cache is not null && listed.TokenIds is { } ids && (!byKey || cache.HasKeyRows) ? cache.Row(ids[j], byKey) : default;

    // Similarity of query part i and listed part j, read from or stored in the cache row when there is one.
    private static double PartSimilarity(PreparedName query, int i, PreparedName listed, int j, bool byKey, MatcherVersion version, Span<double> row)
    {
        if (!row.IsEmpty && row[i] != 0)
        {
            return row[i] - 1; // stored plus one, so that 0 means "not computed yet"
        }

        ref readonly var q = ref query.Parts[i];
        ref readonly var c = ref listed.Parts[j];
        double s;
        if (version >= MatcherVersion.V120 && !byKey && UnrelatedByPartInfo(q, c))
        {
            s = 0;
        }
        else
        {
            ref readonly var qt = ref query.Texts[i];
            ref readonly var ct = ref listed.Texts[j];
            s = (q.Numeric || c.Numeric) && !string.Equals(qt.Token, ct.Token, StringComparison.Ordinal)
                ? 0
                : TokenSimilarity(qt.Token, ct.Token, qt.Folded, ct.Folded, qt.Key, ct.Key, q.LegalForm, c.LegalForm, byKey,
                    version, digitsChecked: true, new LetterMasks(q.Letters, c.Letters, q.FoldedLetters, c.FoldedLetters));
        }

        // 2.0.0, rule "hypocorism": a given name and its familiar form (Tom / Thomas), told apart from unrelated words by
        // the parts' name-group masks before the words are read. The bound reads the same similarity.
        if (s < HypocorismRule.Similarity && (q.NameGroups & c.NameGroups) != 0 && HypocorismRule.Related(query.Texts[i].Folded, listed.Texts[j].Folded))
        {
            s = HypocorismRule.Similarity;
        }

        if (!row.IsEmpty)
        {
            row[i] = s + 1;
        }

        return s;
    }

    // 1.2.0, words compared as written: whether TokenSimilarity would find the two parts unrelated by its letter-mask
    // bounds, told from the parts' lengths and masks alone (without reading the words, which for a listed name lie
    // elsewhere in memory: most pairs of parts a query meets are unrelated). Conservative: not for an initial, two legal
    // forms, or two words of four letters or more that start alike and may share their consonant key; Winkler's
    // prefix bonus assumed whole unless the words start differently (folded words: always).
    internal static bool UnrelatedByPartInfo(in PartInfo a, in PartInfo b) =>
        a.Length > 1 && b.Length > 1 && !(a.LegalForm && b.LegalForm)
        && !(a.Length >= 4 && b.Length >= 4 && a.First == b.First && a.KeyLength == b.KeyLength && a.KeyFirst == b.KeyFirst)
        && JaroWinkler.UpperBound(a.Length, a.Letters, b.Length, b.Letters, a.First == b.First) < MinTokenSimilarity
        && JaroWinkler.UpperBound(a.FoldedLength, a.FoldedLetters, b.FoldedLength, b.FoldedLetters) < MinFoldedSimilarity;

    // Below the cut-off by Jaro-Winkler's upper bound: first from the letter masks made once per part, when there are
    // any (cheap, looser), then from the letters themselves.
    private static bool Below(string a, string b, ulong maskA, ulong maskB, double cut) =>
        (maskA != 0 && maskB != 0 && JaroWinkler.UpperBound(a, maskA, b, maskB) < cut) || JaroWinkler.UpperBound(a, b) < cut;

    /// <summary>
    /// Similarity of <paramref name="span"/> adjacent parts of <paramref name="a"/> from <paramref name="i"/>, joined, with one
    /// part of <paramref name="b"/>; 0 below a near match.
    /// </summary>
    private static double JoinedSimilarity(PreparedName a, int i, int span, PreparedName b, int j, bool byKey, MatcherVersion version)
    {
        // Cheap checks first: the joined parts must start like the other part, be about as long, and (Latin) have letters
        // enough in common.
        int length = 0, keyLength = 0;
        for (var k = i; k < i + span; k++)
        {
            length += a.Parts[k].Length;
            keyLength += a.Parts[k].KeyLength;
        }

        if (!MayJoin(a.Parts, i, span, length, keyLength, b.Parts[j], byKey))
        {
            return 0;
        }

        var other = b.Tokens[j];
        // A name read into consonant keys has one array for its tokens, folded forms and keys: joined once.
        var joined = a.JoinedSpan(a.Tokens, i, span);
        var joinedKey = ReferenceEquals(a.Keys, a.Tokens) ? joined : a.JoinedSpan(a.Keys, i, span);
        var joinedFolded = ReferenceEquals(a.Folded, a.Tokens) ? joined : a.JoinedSpan(a.Folded, i, span);
        var s = TokenSimilarity(joined, other, joinedFolded, b.Folded[j], joinedKey, b.Keys[j],
            NameTerms.CategoryOf(joined, version) == "legal-form", b.LegalForm[j], byKey, version);
        return s >= 0.9 ? s : 0;
    }

}

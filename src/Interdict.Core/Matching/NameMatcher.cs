using Interdict.Core.Matching.Rules;
using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>The result of comparing two names.</summary>
internal readonly record struct NameComparison(double Score, IReadOnlyList<TokenAlignment> Alignment);

/// <summary>
/// Compares two names part by part: each query part is paired with the most similar listed part (any order),
/// similarities come from Jaro-Winkler on folded parts, and the score is the weighted share of both names that was paired.
/// </summary>
internal static partial class NameMatcher
{
    /// <summary>The algorithm's name, reported with every score.</summary>
    public const string Algorithm = "interdict-name";

    /// <summary>The current version; bump it (and keep the old one selectable) on any change that alters scores.</summary>
    public static string Version => MatcherVersion.Current.Name();

    // A match of romanisation-folded parts (Kasim / Qasem) is a little weaker evidence than an exact one.
    private const double FoldedFactor = 0.96;

    // Below this Jaro-Winkler similarity two name parts are unrelated.
    private const double MinTokenSimilarity = 0.75;

    // 1.2.0: and their romanisation-folded forms below this one.
    private const double MinFoldedSimilarity = 0.88;

    // Listed name parts that the query lacks cost less than query parts the list lacks: lists carry
    // middle names and patronymics that customer records often omit.
    private const double UnpairedListedPartsFactor = 0.5;

    // 1.2.0: and parts the query has that the list lacks (the UN writes father's and grandfather's names) cost less still.
    private const double UnpairedQueryPartsFactor120 = 0.35;

    /// <summary>Compares a query name with a listed name; builds the alignment only when <paramref name="explain"/> is set.</summary>
    public static NameComparison Compare(PreparedName query, PreparedName listed, bool lenientOnListedParts, bool explain = true, MatcherVersion version = MatcherVersion.Current,
        TokenCache? cache = null)
    {
        var q = query.Tokens;
        var c = listed.Tokens;
        if (q.Length == 0 || c.Length == 0)
        {
            return new NameComparison(0, []);
        }

        var byKey = query.Vowelless != listed.Vowelless;
        var profile = MatcherProfile.For(version);

        // 1.2.0: a Latin query is not compared with a listed name written in Arabic script. Consonant keys of a Latin
        // name are too lossy to stand alone ("Allen Aisha" / جمال لونيسي), and every such listed name is an alias of a
        // record whose romanised names the query meets anyway.
        if (version >= MatcherVersion.V120 && listed.Vowelless && !query.Vowelless)
        {
            return new NameComparison(0, []);
        }

        // Every pair with some similarity, best first; then pair greedily. From 1.2.0 two adjacent parts of one name may
        // pair with one part of the other, joined: "Rokn Abadi" / "Roknabadi", "Abdul Rahman" / "Abdulrahman".
        var joins = version >= MatcherVersion.V120;
        var capacity = (q.Length * c.Length) + (joins ? 2 * (((q.Length - 1) * c.Length) + (q.Length * (c.Length - 1))) : 0);
        Span<Pair> pairs = capacity <= 256 ? stackalloc Pair[capacity] : new Pair[capacity];
        var count = 0;
        for (var j = 0; j < c.Length; j++)
        {
            // Listed names share much of their vocabulary ("company", "al", "muhammad"): a listed word's similarities to
            // the query's words are computed once per query.
            var row = RowOf(listed, j, byKey, cache);
            for (var i = 0; i < q.Length; i++)
            {
                var s = PartSimilarity(query, i, listed, j, byKey, version, row);
                // 2.0.0, rule "roles": an own name does not pair with a forefather's, nor a patronymic with another word.
                if (s > 0 && ((profile.LineageRoles && RoleRule.Conflict(query.Roles[i], listed.Roles[j]))
                    || (profile.PatronymicRoles && !byKey && query.Patronymic[i] != listed.Patronymic[j])))
                {
                    s = 0;
                }

                if (s > 0)
                {
                    pairs[count++] = new Pair(s, i, j, 1, 1);
                }
            }
        }

        if (joins)
        {
            for (var span = 2; span <= MaxJoinSpan; span++)
            {
                for (var i = 0; i + span <= q.Length; i++)
                {
                    for (var j = 0; j < c.Length; j++)
                    {
                        if (JoinedSimilarity(query, i, span, listed, j, byKey, version) is > 0 and var s)
                        {
                            pairs[count++] = new Pair(s, i, j, span, 1);
                        }
                    }
                }

                for (var j = 0; j + span <= c.Length; j++)
                {
                    for (var i = 0; i < q.Length; i++)
                    {
                        if (JoinedSimilarity(listed, j, span, query, i, byKey, version) is > 0 and var s)
                        {
                            pairs[count++] = new Pair(s, i, j, 1, span);
                        }
                    }
                }
            }
        }

        var used = pairs[..count];
        used.Sort(static (x, y) => y.Sim != x.Sim ? y.Sim.CompareTo(x.Sim) : x.I != y.I ? x.I.CompareTo(y.I) : x.J != y.J ? x.J.CompareTo(y.J) : (x.QSpan + x.CSpan).CompareTo(y.QSpan + y.CSpan));
        Span<int> qPair = q.Length <= 64 ? stackalloc int[q.Length] : new int[q.Length];
        Span<int> cPair = c.Length <= 64 ? stackalloc int[c.Length] : new int[c.Length];
        qPair.Fill(-1);
        cPair.Fill(-1);
        var chosen = new List<Pair>(Math.Min(q.Length, c.Length));
        foreach (var p in used)
        {
            if (Free(qPair, p.I, p.QSpan) && Free(cPair, p.J, p.CSpan))
            {
                for (var k = 0; k < p.QSpan; k++)
                {
                    qPair[p.I + k] = p.J;
                }

                for (var k = 0; k < p.CSpan; k++)
                {
                    cPair[p.J + k] = p.I;
                }

                chosen.Add(p);
            }
        }

        // For people, parts the query has and the list lacks cost half from 1.2.0 too (a father's or grandfather's name,
        // a second given name), but only once at least two parts on each side are paired: one shared word is no match.
        // Not for a name written in Hangul (1.4.0): each of its syllables is part of the name itself.
        // From 1.3.0 a pair with a patronymic on either side is not one of them: "GIZUNOV, Sergey Aleksandrovich" and
        // "MARTYNOV, Sergey Alexandrovich" share a given name and a father's given name, not a family name (nor do
        // "MOROZ, Alexander Ivanovich" and "IVANOV, Alexander").
        var pairsMade = version >= MatcherVersion.V130 ? chosen.Count(p => !query.Patronymic[p.I] && !listed.Patronymic[p.J]) : chosen.Count;
        var queryFactor = lenientOnListedParts && version >= MatcherVersion.V120 && pairsMade >= 2 && !query.Syllabic ? UnpairedQueryPartsFactor120 : 1.0;
        // From 1.3.0 two names whose numbers all differ ("NEW DECISIONS 2" / "3", "711 AIRCRAFT REPAIR PLANT" / "810 …",
        // "MARIE DE LOURDES I" / "V") are told apart by them: each unpaired number weighs at least as a five-letter
        // word. A number on one side only (a vessel named with or without its "1") costs its own small weight.
        var numbersDiffer = query.Numerals.Length > 0 && listed.Numerals.Length > 0 && NoneNumeralPaired(query, qPair) && NoneNumeralPaired(listed, cPair);
        // 2.0.0, rule "legal form": two legal forms paired weigh nothing, on either side: they say what kind of company,
        // not which one ("Yilmaz Electronics LLC" / "YILUFA ELECTRONICS LIMITED" is as alike as its other words).
        // (Only beside another pair: a name that is only a legal form, "Co.", is still itself.)
        ulong neutralQ = 0, neutralC = 0;
        if (profile.LegalFormsNeutral)
        {
            var other = false;
            foreach (var p in chosen)
            {
                if (p.QSpan == 1 && p.CSpan == 1 && query.LegalForm[p.I] && listed.LegalForm[p.J] && p.I < 64 && p.J < 64)
                {
                    neutralQ |= 1UL << p.I;
                    neutralC |= 1UL << p.J;
                }
                else
                {
                    other = true;
                }
            }

            if (!other)
            {
                neutralQ = neutralC = 0;
            }
        }

        double matched = 0, total = 0;
        for (var i = 0; i < q.Length; i++)
        {
            var w = numbersDiffer && query.Numeral[i] ? Math.Max(query.Weights[i], PreparedName.NumberWeight) : query.Weights[i];
            total += qPair[i] >= 0 ? (InMask(neutralQ, i) ? 0 : w) : w * (queryFactor < 1 && InLineage(query, i) ? LineageFactor120 : queryFactor);
        }

        foreach (var p in chosen)
        {
            if (p.QSpan == 1 && InMask(neutralQ, p.I))
            {
                continue;
            }

            double weight = 0;
            for (var k = 0; k < p.QSpan; k++)
            {
                weight += query.Weights[p.I + k];
            }

            for (var k = 0; k < p.CSpan; k++)
            {
                weight += listed.Weights[p.J + k];
            }

            matched += p.Sim * weight;
        }

        var listedFactor = lenientOnListedParts ? UnpairedListedPartsFactor : 1.0;
        for (var j = 0; j < c.Length; j++)
        {
            var w = numbersDiffer && listed.Numeral[j] ? Math.Max(listed.Weights[j], PreparedName.NumberWeight) : listed.Weights[j];
            total += cPair[j] >= 0 ? (InMask(neutralC, j) ? 0 : w) : w * (queryFactor < 1 && InLineage(listed, j) ? LineageFactor120 : listedFactor);
        }

        var score = total > 0 ? matched / total : 0;

        // Joined or split words: "abdulrahman" against "abdul rahman".
        var joinedSimilarity = 0.0;
        // From 1.2.0 only between names of similar length: "lucanwosu" is not "lucas" however alike their starts.
        if (q.Length != c.Length && (version < MatcherVersion.V120 || LengthRatio(query.Joined, listed.Joined) >= 0.8))
        {
            var keyed = version >= MatcherVersion.V120 && byKey;
            var jw = keyed ? JaroWinkler.Similarity(query.JoinedKey, listed.JoinedKey) : JaroWinkler.Similarity(query.Joined, listed.Joined);
            // From 1.2.0 the joined names must be nearly the same string: this rescues joined and split words only.
            joinedSimilarity = jw < (version >= MatcherVersion.V120 ? 0.95 : 0.9) || !DistinctivePartsAlike(query, listed, keyed) || query.Numerals != listed.Numerals
                ? 0 : (keyed ? SkeletonFactor : 1) * Calibrate(jw);
        }

        // 2.0.0, rule "number": names whose numbers all differ are different vessels, branches, plants.
        if (numbersDiffer)
        {
            score = Math.Min(score, profile.DifferentNumbersCap);
        }

        // 2.0.0, rule "same script": two names in Han, Hangul or kana are also compared character by character; from 2.1.0
        // two names in Arabic script, or in Hebrew, letter by letter.
        var scriptShare = profile.SameScript ? SameScriptRule.Share(query.ScriptLetters, listed.ScriptLetters) : 1;
        TokenAlignment? scriptNote = scriptShare < 1 && explain
            ? new TokenAlignment(query.ScriptLetters, listed.ScriptLetters, Math.Round(scriptShare, 4), 0, Rule: $"same script: {Math.Round(scriptShare * Math.Max(query.ScriptLetters.Length, listed.ScriptLetters.Length))} of {Math.Max(query.ScriptLetters.Length, listed.ScriptLetters.Length)} characters in common")
            : null;
        if (profile.SameScriptVowelless && query.VowellessPairs.Length > 0 && listed.VowellessPairs.Length > 0 && query.VowellessLetters[0] == listed.VowellessLetters[0]
            && SameScriptRule.Share(query.VowellessPairs, listed.VowellessPairs) is var letterShare and < 1)
        {
            scriptShare *= letterShare;
            var letterPairs = Math.Min(query.VowellessPairs.Length, listed.VowellessPairs.Length);
            scriptNote = explain
                ? new TokenAlignment(query.VowellessLetters[2..], listed.VowellessLetters[2..], Math.Round(letterShare, 4), 0, Rule: $"same script: {Math.Round(letterShare * letterPairs)} of {letterPairs} letter pairs in common")
                : null;
        }

        score *= scriptShare;
        joinedSimilarity *= scriptShare;

        if (joinedSimilarity > score)
        {
            return new NameComparison(joinedSimilarity, !explain ? [] : [new TokenAlignment(string.Join(' ', q), string.Join(' ', c), joinedSimilarity, 1), .. scriptNote is null ? [] : new[] { scriptNote }]);
        }

        if (!explain)
        {
            return new NameComparison(score, []);
        }

        var alignment = new List<TokenAlignment>(q.Length + c.Length);
        foreach (var p in chosen.OrderBy(p => p.I))
        {
            var qText = string.Join(' ', q.AsSpan(p.I, p.QSpan).ToArray());
            var cText = string.Join(' ', c.AsSpan(p.J, p.CSpan).ToArray());
            var rule = p.QSpan == 1 && p.CSpan == 1 ? RuleOf(query, p.I, listed, p.J, profile) : null;
            var neutral = p.QSpan == 1 && InMask(neutralQ, p.I);
            alignment.Add(new TokenAlignment(qText, cText, Math.Round(p.Sim, 4), neutral ? 0 : Math.Round(NameTerms.WeightOf(query.Terms[p.I], version) * NameTerms.WeightOf(listed.Terms[p.J], version), 2),
                WrittenOf(query, p.I, p.QSpan), WrittenOf(listed, p.J, p.CSpan), rule));
        }

        for (var i = 0; i < q.Length; i++)
        {
            if (qPair[i] < 0)
            {
                alignment.Add(new TokenAlignment(q[i], null, 0, NameTerms.WeightOf(query.Terms[i], version), WrittenOf(query, i, 1)));
            }
        }

        for (var j = 0; j < c.Length; j++)
        {
            if (cPair[j] < 0)
            {
                alignment.Add(new TokenAlignment(null, c[j], 0, Math.Round(NameTerms.WeightOf(listed.Terms[j], version) * listedFactor, 2), ListedWritten: WrittenOf(listed, j, 1)));
            }
        }

        if (scriptNote is not null)
        {
            alignment.Add(scriptNote);
        }

        return new NameComparison(score, alignment);
    }

    // Whether part i is in a mask of the first 64 parts of a name.
    private static bool InMask(ulong mask, int i) => i < 64 && (mask & (1UL << i)) != 0;

    // The words as written that span parts of a name from i stand for, when they differ from the parts (a key, a reading).
    private static string? WrittenOf(PreparedName name, int i, int span)
    {
        var written = string.Join(' ', name.Written.AsSpan(i, span).ToArray());
        return string.Equals(written, string.Join(' ', name.Tokens.AsSpan(i, span).ToArray()), StringComparison.Ordinal) ? null : written;
    }

    // The named rule that made a pair of single parts, for the explanation.
    private static string? RuleOf(PreparedName query, int i, PreparedName listed, int j, MatcherProfile profile)
    {
        if (profile.Hypocorisms && HypocorismRule.Related(query.Folded[i], listed.Folded[j]))
        {
            return $"hypocorism: {query.Tokens[i]} = {listed.Tokens[j]}";
        }

        var notes = new[] { query.RuleNotes[i], listed.RuleNotes[j] }.Where(n => n is not null).Distinct().ToArray();
        return notes.Length == 0 ? null : string.Join("; ", notes);
    }

    // Whether none of the name's numbers found a partner.
    private static bool NoneNumeralPaired(PreparedName name, ReadOnlySpan<int> pair)
    {
        for (var i = 0; i < pair.Length; i++)
        {
            if (name.Numeral[i] && pair[i] >= 0)
            {
                return false;
            }
        }

        return true;
    }

    // 1.3.0: names alike when compared whole must be alike without their legal forms, generic words and titles too. A
    // long legal form shared at the start ("LIMITED LIABILITY COMPANY ...") made Jaro-Winkler on the whole names 0.95 or
    // more for two companies with nothing else in common. (Always true for names made by earlier versions, which keep
    // DistinctiveJoined equal to Joined.)
    private static bool DistinctivePartsAlike(PreparedName query, PreparedName listed, bool byKey)
    {
        var (a, b) = byKey ? (query.DistinctiveJoinedKey, listed.DistinctiveJoinedKey) : (query.DistinctiveJoined, listed.DistinctiveJoined);
        var (whole, otherWhole) = byKey ? (query.JoinedKey, listed.JoinedKey) : (query.Joined, listed.Joined);
        return (ReferenceEquals(a, whole) && ReferenceEquals(b, otherWhole)) || JaroWinkler.Similarity(a, b) >= 0.95;
    }

    // Up to three parts may be joined: "عبدالخالق" / "Abd al-Khaliq", "Abdelrahman" / "Abd al-Rahman".
    private const int MaxJoinSpan = 3;
    // 1.2.0: a lineage ("ben Ali ben Belkassem", "ould Mohamed") is often left out by one agency; once two parts are
    // paired, its unpaired parts cost a quarter.
    private const double LineageFactor120 = 0.25;

    private static bool InLineage(PreparedName name, int i) => name.Parts[i].InLineage;

    private static bool Free(Span<int> paired, int from, int span)
    {
        for (var k = 0; k < span; k++)
        {
            if (paired[from + k] >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A candidate pairing: <see cref="QSpan"/> query parts from <see cref="I"/> with <see cref="CSpan"/> listed parts from <see cref="J"/>.</summary>
    private readonly record struct Pair(double Sim, int I, int J, int QSpan, int CSpan);

    private const double InitialSimilarity120 = 0.75;

    private const double LatinKeySimilarity = 0.86;

    // 1.2.0: a loose resemblance ("isla" / "milad", "manon" / "antonio") is hardly evidence; similarities below 0.85
    // fall off steeply, so one exact word and one loosely similar word do not add up to a hit.
    private static double Weak(double similarity) => similarity >= 0.85 ? similarity : similarity * (similarity / 0.85) * (similarity / 0.85);

    private static double LengthRatio(string a, string b) => LengthRatio(a.Length, b.Length);

    private static double LengthRatio(int a, int b) => (double)Math.Min(a, b) / Math.Max(a, b);

    internal static bool IsRomanNumeral(string s) => s.Length is > 1 and <= 4 && !s.AsSpan().ContainsAnyExcept("ivx");

    // A single i, v or x: an initial, or a numeral ending a name (MARIE DE LOURDES I).
    internal static bool IsNumeralLetter(string s) => s is "i" or "v" or "x";

    internal static bool HasDigit(string s) => s.AsSpan().ContainsAnyInRange('0', '9');
}

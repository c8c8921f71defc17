using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>The score bound: whether a full comparison could reach the score a hit needs, from cheap checks.</summary>
internal static partial class NameMatcher
{
    /// <summary>
    /// Whether <see cref="Compare"/>'s score could reach <paramref name="bar"/>, from an upper bound built of the
    /// similarities of single parts (kept in <paramref name="cache"/>, so a candidate that fails leaves them for the
    /// next one) and cheap checks for joined parts. Comparing in full costs several times more; a candidate that cannot
    /// reach what a hit needs is skipped without changing any result.
    /// </summary>
    public static bool MayReach(PreparedName query, PreparedName listed, bool lenientOnListedParts, MatcherVersion version, TokenCache cache, double bar)
    {
        var qp = query.Parts;
        var cp = listed.Parts;
        var byKey = query.Vowelless != listed.Vowelless;
        if (qp.Length == 0 || cp.Length == 0 || (version >= MatcherVersion.V120 && listed.Vowelless && !query.Vowelless))
        {
            return bar <= 0;
        }

        if (version < MatcherVersion.V120 || qp.Length > 64 || cp.Length > 64)
        {
            return true;
        }

        Span<double> bestQ = stackalloc double[qp.Length];
        Span<double> bestC = stackalloc double[cp.Length];
        for (var j = 0; j < cp.Length; j++)
        {
            var row = cp[j].Word >= 0 && (!byKey || cache.HasKeyRows) ? cache.Row(cp[j].Word, byKey) : default;
            for (var i = 0; i < qp.Length; i++)
            {
                // Most similarities were computed for an earlier candidate of this query: read them without a call.
                var s = !row.IsEmpty && row[i] != 0 ? row[i] - 1 : PartSimilarity(query, i, listed, j, byKey, version, row);
                bestQ[i] = Math.Max(bestQ[i], s);
                bestC[j] = Math.Max(bestC[j], s);
            }
        }

        if (Bound(qp, cp, bestQ, bestC, lenientOnListedParts, oneToOne: true) >= bar)
        {
            return true;
        }

        // Joined or split words compared whole: "abdulrahman" against "abdul rahman".
        if (qp.Length != cp.Length && LengthRatio(query.Joined, listed.Joined) >= 0.8)
        {
            var (a, b) = byKey ? (query.JoinedKey, listed.JoinedKey) : (query.Joined, listed.Joined);
            var (maskA, maskB) = byKey ? (query.JoinedKeyLetters, listed.JoinedKeyLetters) : (query.JoinedLetters, listed.JoinedLetters);
            // The cheap upper bounds first (from the letter masks made once per name, then from the letters): most names
            // compared whole are far apart.
            if (JaroWinkler.UpperBound(a, maskA, b, maskB) >= 0.95 && JaroWinkler.UpperBound(a, b) >= 0.95 && JaroWinkler.Similarity(a, b) is var jw && jw >= 0.95 && (byKey ? SkeletonFactor : 1) * Calibrate(jw) >= bar
                && DistinctivePartsAlike(query, listed, byKey) && query.Numerals == listed.Numerals)
            {
                return true;
            }
        }

        // Parts that might pair joined (the cheap checks of JoinedSimilarity pass) might pair perfectly.
        var joined = MarkJoins(query, listed, bestQ, bestC, byKey, version, cache, queryFirst: true) | MarkJoins(listed, query, bestC, bestQ, byKey, version, cache, queryFirst: false);
        return joined && Bound(qp, cp, bestQ, bestC, lenientOnListedParts, oneToOne: false) >= bar;
    }

    // matched <= M (each part pairs at most once, at most as well as its best partner); parts with no possible partner
    // stay unpaired and count in the total at no less than their smallest factor. So score <= M / (M + D). The lenient
    // factors for unpaired query parts and lineages apply only once two pairs are made.
    // oneToOne (no joined parts can pair): at most k = min(pairable query parts, pairable listed parts) pairs are made,
    // so on the side with more pairable parts only the k best count in M, and the others, at least, are unpaired and
    // count in D (the smallest of their unpaired weights). A two-word query against a five-word listed name whose words
    // all resemble one of the query's (Arabic-script names compared by consonant key) is bounded by two pairs, not five.
    private static double Bound(ReadOnlySpan<PartInfo> query, ReadOnlySpan<PartInfo> listed, ReadOnlySpan<double> bestQ, ReadOnlySpan<double> bestC,
        bool lenientOnListedParts, bool oneToOne)
    {
        int pairableQ = 0, pairableC = 0;
        foreach (var b in bestQ)
        {
            pairableQ += b > 0 ? 1 : 0;
        }

        foreach (var b in bestC)
        {
            pairableC += b > 0 ? 1 : 0;
        }

        var twoPairs = lenientOnListedParts && Math.Min(pairableQ, pairableC) >= 2;
        var pairs = oneToOne ? Math.Min(pairableQ, pairableC) : int.MaxValue;
        var (mq, dq) = !twoPairs ? Side(query, bestQ, pairableQ, pairs, 1, 1) : Side(query, bestQ, pairableQ, pairs, UnpairedQueryPartsFactor120, LineageFactor120);
        var (mc, dc) = !lenientOnListedParts ? Side(listed, bestC, pairableC, pairs, 1, 1)
            : Side(listed, bestC, pairableC, pairs, UnpairedListedPartsFactor, twoPairs ? LineageFactor120 : UnpairedListedPartsFactor);
        double m = mq + mc, d = dq + dc;
        return m + d > 0 ? m / (m + d) : 0;
    }

    // One side's share of M and D: every pairable part's best similarity times its weight in M, every other part's
    // unpaired weight in D; when at most `pairs` of its `pairable` parts can pair, only the largest `pairs` shares go to
    // M and the smallest unpaired weights of the rest to D. An unpaired part in a lineage counts at lineageFactor.
    private static (double M, double D) Side(ReadOnlySpan<PartInfo> parts, ReadOnlySpan<double> best, int pairable, int pairs, double unpairedFactor, double lineageFactor)
    {
        double m = 0, d = 0;
        var capped = pairs < pairable;
        Span<double> shares = capped ? stackalloc double[pairable] : default;
        Span<double> unpaired = capped ? stackalloc double[pairable] : default;
        var k = 0;
        for (var i = 0; i < best.Length; i++)
        {
            if (best[i] == 0)
            {
                d += parts[i].Weight * (parts[i].InLineage ? lineageFactor : unpairedFactor);
            }
            else if (!capped)
            {
                m += best[i] * parts[i].Weight;
            }
            else
            {
                shares[k] = best[i] * parts[i].Weight;
                unpaired[k++] = parts[i].Weight * (parts[i].InLineage ? lineageFactor : unpairedFactor);
            }
        }

        if (capped)
        {
            shares.Sort();
            unpaired.Sort();
            for (var i = 0; i < pairs; i++)
            {
                m += shares[pairable - 1 - i];
            }

            for (var i = 0; i < pairable - pairs; i++)
            {
                d += unpaired[i];
            }
        }

        return (m, d);
    }

    // Marks as perfectly paired every span of adjacent parts of a that might pair joined with a part of b, and that part
    // (MayJoin, with each span's lengths summed once); whether there was any.
    // By consonant key (an Arabic-script query against a Latin name) the cheap checks let through nearly every join
    // (a shared first consonant and a length), so the join is compared (JoinedSimilarity, as Compare does, remembered in
    // the cache by the listed words' ids: most candidates of a query share their words) and its parts marked with its
    // similarity. queryFirst: a is the query.
    private static bool MarkJoins(PreparedName aName, PreparedName bName, Span<double> bestA, Span<double> bestB, bool byKey, MatcherVersion version, TokenCache cache,
        bool queryFirst)
    {
        var a = aName.Parts;
        var b = bName.Parts;
        // The parts of b long enough to pair with a join, and the longest of them (in letters, or in key letters by key).
        ulong longEnough = 0;
        var longest = 0;
        for (var j = 0; j < b.Length; j++)
        {
            if (LongEnoughToJoin(b[j].Length, b[j].KeyLength, byKey))
            {
                longEnough |= 1UL << j;
                longest = Math.Max(longest, byKey ? b[j].KeyLength : b[j].Length);
            }
        }

        var any = false;
        for (var i = 0; longEnough != 0 && i + 1 < a.Length; i++)
        {
            // Two parts from a[i] already too long for the longest part of b (MayJoin's length ratio): so is every span.
            var shortest = byKey ? a[i].KeyLength + a[i + 1].KeyLength : a[i].Length + a[i + 1].Length;
            if (longest < shortest && LengthRatio(shortest, longest) < (byKey ? 0.75 : 0.8))
            {
                continue;
            }

            // The parts of b that a join starting at a[i] might pair with, whatever its span: those MayJoin's first two
            // conditions (a shared first letter, enough letters) let through. Most parts have none.
            ulong partners = 0;
            for (var rest = longEnough; rest != 0; rest &= rest - 1)
            {
                var j = System.Numerics.BitOperations.TrailingZeroCount(rest);
                partners |= (StartAlike(a[i], b[j]) ? 1UL : 0UL) << j;
            }

            int length = a[i].Length, keyLength = a[i].KeyLength;
            for (var span = 2; partners != 0 && span <= MaxJoinSpan && i + span <= a.Length; span++)
            {
                length += a[i + span - 1].Length;
                keyLength += a[i + span - 1].KeyLength;
                if (!LongEnoughToJoin(length, keyLength, byKey))
                {
                    continue;
                }

                for (var rest = partners; rest != 0; rest &= rest - 1)
                {
                    var j = System.Numerics.BitOperations.TrailingZeroCount(rest);
                    if (!MayJoin(a, i, span, length, keyLength, b[j], byKey))
                    {
                        continue;
                    }

                    var s = !byKey ? 1 : JoinedByKey(aName, i, span, length, keyLength, bName, j, version, cache, queryFirst);
                    if (s > 0)
                    {
                        for (var k = i; k < i + span; k++)
                        {
                            bestA[k] = Math.Max(bestA[k], s);
                        }

                        bestB[j] = Math.Max(bestB[j], s);
                        any = true;
                    }
                }
            }
        }

        return any;
    }

    // The cheap checks of JoinedSimilarity for the span parts of a from i, whose lengths and key lengths add up to
    // length and keyLength, against the part b: they start like it, are about as long, and (Latin) have letters enough in
    // common (MayJoinAlike).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool MayJoin(ReadOnlySpan<PartInfo> a, int i, int span, int length, int keyLength, in PartInfo b, bool byKey)
    {
        return StartAlike(a[i], b) && LongEnoughToJoin(length, keyLength, byKey) && LongEnoughToJoin(b.Length, b.KeyLength, byKey) && (byKey
            ? LengthRatio(keyLength, b.KeyLength) >= 0.75
            : LengthRatio(length, b.Length) >= 0.8 && MayJoinAlike(a, i, span, length, b));
    }

    // JoinedSimilarity by key of the span parts of a from i and part j of b, remembered per query by the listed words' ids.
    private static double JoinedByKey(PreparedName a, int i, int span, int length, int keyLength, PreparedName b, int j, MatcherVersion version, TokenCache cache, bool queryFirst)
    {
        var key = queryFirst
            ? (0, i, span, b.Parts[j].Word, 0)
            : (1, a.Parts[i].Word, a.Parts[i + 1].Word, span > 2 ? a.Parts[i + 2].Word : -1, j);
        var known = span <= 3 && (queryFirst ? key.Item4 >= 0 : key.Item2 >= 0 && key.Item3 >= 0 && (span == 2 || key.Item4 >= 0));
        if (known && cache.Joins.TryGetValue(key, out var remembered))
        {
            return remembered;
        }

        var s = MayJoinByKey(a, i, span, length, keyLength, b, j) ? JoinedSimilarity(a, i, span, b, j, byKey: true, version) : 0;
        if (known)
        {
            cache.Joins[key] = s;
        }

        return s;
    }

    // Whether the span parts of a from i (length and keyLength letters in all) may be 0.9 alike to part j of b by key, as
    // JoinedSimilarity needs (TokenSimilarity by key): by the letters written (Jaro-Winkler 0.75 at least), by consonant
    // key (0.85), or as two legal forms; from letter masks, without joining the strings.
    private static bool MayJoinByKey(PreparedName a, int i, int span, int length, int keyLength, PreparedName b, int j)
    {
        if (b.Parts[j].LegalForm)
        {
            return true;
        }

        ulong letters = 0, keyLetters = 0;
        for (var k = i; k < i + span; k++)
        {
            letters |= a.Parts[k].Letters;
            keyLetters |= JaroWinkler.LetterMask(a.Keys[k]);
        }

        return JaroWinkler.UpperBound(length, letters, b.Parts[j].Length, b.Parts[j].Letters) >= MinTokenSimilarity - 1e-9
            || JaroWinkler.UpperBound(keyLength, keyLetters, b.Keys[j].Length, JaroWinkler.LetterMask(b.Keys[j])) >= 0.85 - 1e-9;
    }

    // Whether a join starting with part a may pair with part b by their starts: the same first letter, or the same first
    // consonant of key (or either has no key).
    private static bool StartAlike(in PartInfo a, in PartInfo b) =>
        a.KeyLength == 0 || b.KeyLength == 0 || a.KeyFirst == b.KeyFirst || a.First == b.First;

    // A joined pair needs three consonants of key on each side (Arabic script) or five letters (Latin).
    private static bool LongEnoughToJoin(int length, int keyLength, bool byKey) => byKey ? keyLength >= 3 : length >= 5;

    // Whether the joined parts and the other part can be 0.9 alike, as JoinedSimilarity needs, by Jaro-Winkler's upper
    // bound from the parts' letter masks (each letter of one missing from the other leaves a character unmatched; the
    // longest common prefix assumed): written as they are (0.9375, calibrated 0.9) or folded (0.9609, 0.96 x
    // calibrated 0.9); or a legal form on the other side, which a joined legal form matches at 0.9 whatever its letters.
    // Latin parts only (consonant keys carry no masks).
    private static bool MayJoinAlike(ReadOnlySpan<PartInfo> a, int i, int span, int length, in PartInfo b)
    {
        if (b.LegalForm)
        {
            return true;
        }

        ulong letters = 0, folded = 0;
        var foldedLength = 0;
        for (var k = i; k < i + span; k++)
        {
            letters |= a[k].Letters;
            folded |= a[k].FoldedLetters;
            foldedLength += a[k].FoldedLength;
        }

        return JaroWinkler.UpperBound(length, letters, b.Length, b.Letters) >= 0.9375 - 1e-9
            || JaroWinkler.UpperBound(foldedLength, folded, b.FoldedLength, b.FoldedLetters) >= 0.9609 - 1e-9;
    }

}

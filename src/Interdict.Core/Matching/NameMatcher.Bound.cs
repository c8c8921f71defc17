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

        if (Bound(qp, cp, bestQ, bestC, lenientOnListedParts) >= bar)
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
        var joined = MarkJoins(qp, cp, bestQ, bestC, byKey) | MarkJoins(cp, qp, bestC, bestQ, byKey);
        return joined && Bound(qp, cp, bestQ, bestC, lenientOnListedParts) >= bar;
    }

    // matched <= M (each part pairs at most once, at most as well as its best partner); parts with no possible partner
    // stay unpaired and count in the total at no less than their smallest factor. So score <= M / (M + D). The lenient
    // factors for unpaired query parts and lineages apply only once two pairs are made.
    private static double Bound(ReadOnlySpan<PartInfo> query, ReadOnlySpan<PartInfo> listed, ReadOnlySpan<double> bestQ, ReadOnlySpan<double> bestC, bool lenientOnListedParts)
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
        double m = 0, d = 0;
        for (var i = 0; i < bestQ.Length; i++)
        {
            m += bestQ[i] * query[i].Weight;
            if (bestQ[i] == 0)
            {
                d += query[i].Weight * (!twoPairs ? 1 : query[i].InLineage ? LineageFactor120 : UnpairedQueryPartsFactor120);
            }
        }

        for (var j = 0; j < bestC.Length; j++)
        {
            m += bestC[j] * listed[j].Weight;
            if (bestC[j] == 0)
            {
                d += listed[j].Weight * (!lenientOnListedParts ? 1 : twoPairs && listed[j].InLineage ? LineageFactor120 : UnpairedListedPartsFactor);
            }
        }

        return m + d > 0 ? m / (m + d) : 0;
    }


    // Marks as perfectly paired every span of adjacent parts of a that might pair joined with a part of b, and that part
    // (MayJoin, with each span's lengths summed once); whether there was any.
    private static bool MarkJoins(ReadOnlySpan<PartInfo> a, ReadOnlySpan<PartInfo> b, Span<double> bestA, Span<double> bestB, bool byKey)
    {
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
                    if (MayJoin(a, i, span, length, keyLength, b[j], byKey))
                    {
                        bestA.Slice(i, span).Fill(1);
                        bestB[j] = 1;
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

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Interdict.Core.Text;

/// <summary>Jaro-Winkler string similarity (0 = nothing in common, 1 = identical).</summary>
public static class JaroWinkler
{
    private const double PrefixScale = 0.1;
    private const int MaxPrefix = 4;

    /// <summary>Jaro-Winkler similarity of two strings.</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return a.IsEmpty ? 0 : 1;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        return Winkler(Jaro(a, b), a, b);
    }

    /// <summary>
    /// An upper bound of <see cref="Similarity"/>, several times cheaper: characters of one string that occur nowhere in
    /// the other cannot match, and transpositions are taken as none. Used to skip pairs that cannot reach a cut-off.
    /// </summary>
    public static double UpperBound(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        var maskA = LetterMask(a);
        var maskB = LetterMask(b);
        int inB = 0, inA = 0;
        foreach (var c in a)
        {
            inB += (int)((maskB >> (c & 63)) & 1);
        }

        foreach (var c in b)
        {
            inA += (int)((maskA >> (c & 63)) & 1);
        }

        double m = Math.Min(inA, inB);
        if (m == 0)
        {
            return 0;
        }

        // Transpositions taken as none.
        return Winkler(((m / a.Length) + (m / b.Length) + 1) / 3.0, a, b);
    }

    /// <summary>The letters of a string as a bit set (each character's code modulo 64), for <see cref="UpperBound(ReadOnlySpan{char}, ulong, ReadOnlySpan{char}, ulong)"/>.</summary>
    public static ulong LetterMask(ReadOnlySpan<char> s)
    {
        ulong mask = 0;
        foreach (var c in s)
        {
            mask |= 1UL << (c & 63);
        }

        return mask;
    }

    /// <summary>
    /// An upper bound of the similarity of two strings known only by their lengths and letter masks
    /// (<see cref="LetterMask"/>): each letter of one missing from the other leaves at least one character unmatched, no
    /// transpositions, and the longest common prefix Winkler rewards.
    /// </summary>
    public static double UpperBound(int lengthA, ulong maskA, int lengthB, ulong maskB) => UpperBound(lengthA, maskA, lengthB, maskB, sameFirst: true);

    /// <summary>
    /// <see cref="UpperBound(int, ulong, int, ulong)"/> knowing whether the strings start with the same character: if
    /// not, there is no common prefix for Winkler to reward.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UpperBound(int lengthA, ulong maskA, int lengthB, ulong maskB, bool sameFirst)
    {
        var jaro = JaroBound(lengthA, maskA, lengthB, maskB);
        return jaro > 0 && sameFirst ? jaro + (Math.Min(MaxPrefix, Math.Min(lengthA, lengthB)) * PrefixScale * (1 - jaro)) : jaro;
    }

    /// <summary>
    /// A looser upper bound than <see cref="UpperBound(ReadOnlySpan{char}, ReadOnlySpan{char})"/> from the strings' letter
    /// masks (<see cref="LetterMask"/>), made once per string: each letter of one string missing from the other leaves at
    /// least one of its characters unmatched. Reads only the common prefix.
    /// </summary>
    public static double UpperBound(ReadOnlySpan<char> a, ulong maskA, ReadOnlySpan<char> b, ulong maskB)
    {
        var jaro = JaroBound(a.Length, maskA, b.Length, maskB);
        return jaro > 0 ? Winkler(jaro, a, b) : 0;
    }

    // The Jaro part of the bounds from letter masks: each letter of one string missing from the other leaves at least
    // one of its characters unmatched, and transpositions are taken as none; 0 if nothing can match. Jaro's formula
    // (m/a + m/b + 1) / 3 with one division instead of three (the bounds are read for most pairs of words a screen
    // meets), and a hair more, so that rounding in another order never makes the bound less than the formula.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double JaroBound(int lengthA, ulong maskA, int lengthB, ulong maskB)
    {
        if (lengthA == 0 || lengthB == 0)
        {
            return 0;
        }

        double m = Math.Min(lengthA - BitOperations.PopCount(maskA & ~maskB), lengthB - BitOperations.PopCount(maskB & ~maskA));
        return m <= 0 ? 0 : (((m * (lengthA + lengthB) / ((double)lengthA * lengthB)) + 1) * (1.0 / 3)) + 1e-12;
    }

    // Winkler's adjustment: a shared prefix of up to four characters lifts the Jaro similarity.
    private static double Winkler(double jaro, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var prefix = 0;
        var limit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * PrefixScale * (1 - jaro));
    }

    /// <summary>Jaro similarity of two strings.</summary>
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }

        return b.Length <= 64 ? JaroShort(a, b, Math.Max(0, (b.Length / 2) - 1)) : JaroOfAnyLength(a, b);
    }

    // Jaro with the matched positions in two arrays; a is the shorter string.
    internal static double JaroOfAnyLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var window = Math.Max(0, (b.Length / 2) - 1);
        Span<bool> aMatched = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var start = Math.Max(0, i - window);
            var end = Math.Min(b.Length - 1, i + window);
            for (var j = start; j <= end; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        return JaroOf(matches, transpositions, a.Length, b.Length);
    }

    // Jaro for strings of up to 64 characters (names' words, and most whole names): the same matching, with the matched
    // positions kept as bits instead of in two arrays, and the matched characters paired in order by their bits.
    // When b is ASCII (folded words always are), each character of a finds its partner without a scan: the positions of
    // each character in b are kept as bits, and the first one in the window not yet matched is the lowest bit left.
    private static double JaroShort(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int window)
    {
        ulong aMatched = 0, bMatched = 0;
        var matches = 0;
        if (!Ascii.IsValid(b))
        {
            for (var i = 0; i < a.Length; i++)
            {
                var c = a[i];
                var end = Math.Min(b.Length - 1, i + window);
                for (var j = Math.Max(0, i - window); j <= end; j++)
                {
                    if (b[j] == c && (bMatched & (1UL << j)) == 0)
                    {
                        aMatched |= 1UL << i;
                        bMatched |= 1UL << j;
                        matches++;
                        break;
                    }
                }
            }
        }
        else
        {
            Span<ulong> positions = stackalloc ulong[128];
            for (var j = 0; j < b.Length; j++)
            {
                positions[b[j]] |= 1UL << j;
            }

            for (var i = 0; i < a.Length; i++)
            {
                // a is no longer than b (at most 64 characters), so the window [i - window, i + window] within b is never empty.
                var c = a[i];
                var end = Math.Min(b.Length - 1, i + window);
                var inWindow = (ulong.MaxValue >> (63 - end)) & (ulong.MaxValue << Math.Max(0, i - window));
                var free = c < 128 ? positions[c] & inWindow & ~bMatched : 0;
                if (free != 0)
                {
                    aMatched |= 1UL << i;
                    bMatched |= free & (0 - free);
                    matches++;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        while (aMatched != 0)
        {
            var i = BitOperations.TrailingZeroCount(aMatched);
            var k = BitOperations.TrailingZeroCount(bMatched);
            transpositions += a[i] != b[k] ? 1 : 0;
            aMatched &= aMatched - 1;
            bMatched &= bMatched - 1;
        }

        return JaroOf(matches, transpositions, a.Length, b.Length);
    }

    // Jaro's formula from the number of matched characters, of those paired out of order (half of which are counted as
    // transpositions), and the two lengths.
    private static double JaroOf(double matches, int transpositions, int lengthA, int lengthB) =>
        ((matches / lengthA) + (matches / lengthB) + ((matches - (transpositions / 2.0)) / matches)) / 3.0;
}

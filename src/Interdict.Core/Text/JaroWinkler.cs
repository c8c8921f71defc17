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

        var jaro = Jaro(a, b);
        var prefix = 0;
        var limit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * PrefixScale * (1 - jaro));
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

        ulong maskA = 0, maskB = 0;
        foreach (var c in a)
        {
            maskA |= 1UL << (c & 63);
        }

        foreach (var c in b)
        {
            maskB |= 1UL << (c & 63);
        }

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

        var jaro = ((m / a.Length) + (m / b.Length) + 1) / 3.0;
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

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
    }
}

namespace Interdict.Core.Matching;

/// <summary>
/// An inverted index from character trigrams of name parts (padded with a space at each end) to the names containing them.
/// Retrieval counts shared trigrams, which tolerates word order and typos, and passes on the names sharing enough of them.
/// </summary>
internal sealed class TrigramIndex
{
    private const int Alphabet = 37; // space, a-z, 0-9: the folded alphabet.
    private const int CodeCount = Alphabet * Alphabet * Alphabet;

    private readonly int[][] _postings;
    private readonly int _count;

    [ThreadStatic]
    private static int[]? t_counts;

    public TrigramIndex(IReadOnlyList<string[]> names)
    {
        _count = names.Count;
        var lists = new List<int>?[CodeCount];
        var codes = new HashSet<int>();
        for (var n = 0; n < names.Count; n++)
        {
            codes.Clear();
            AddCodes(names[n], codes);
            foreach (var code in codes)
            {
                (lists[code] ??= []).Add(n);
            }
        }

        _postings = new int[CodeCount][];
        for (var i = 0; i < CodeCount; i++)
        {
            _postings[i] = lists[i]?.ToArray() ?? [];
        }
    }

    /// <summary>The distinct trigram codes of a tokenised name.</summary>
    public static HashSet<int> Codes(string[] tokens)
    {
        var codes = new HashSet<int>();
        AddCodes(tokens, codes);
        return codes;
    }

    /// <summary>
    /// Names sharing at least <paramref name="minShare"/> of the query's trigrams, the best <paramref name="max"/> of them,
    /// as (name index, shared trigram count).
    /// </summary>
    public List<(int Name, int Shared)> Candidates(HashSet<int> queryCodes, double minShare, int max)
    {
        var result = new List<(int, int)>();
        if (queryCodes.Count == 0)
        {
            return result;
        }

        var counts = t_counts is { } c && c.Length >= _count ? c : t_counts = new int[_count];
        var touched = new List<int>();
        foreach (var code in queryCodes)
        {
            foreach (var n in _postings[code])
            {
                if (counts[n]++ == 0)
                {
                    touched.Add(n);
                }
            }
        }

        var needed = Math.Max(1, (int)Math.Ceiling(queryCodes.Count * minShare));
        foreach (var n in touched)
        {
            if (counts[n] >= needed)
            {
                result.Add((n, counts[n]));
            }

            counts[n] = 0;
        }

        if (result.Count > max)
        {
            result.Sort(static (a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : a.Item1.CompareTo(b.Item1));
            result.RemoveRange(max, result.Count - max);
        }

        return result;
    }

    private static void AddCodes(string[] tokens, HashSet<int> codes)
    {
        foreach (var token in tokens)
        {
            // " ab", "abc", ..., "yz ": padding lets short tokens and word edges count.
            var prev2 = 0;
            var prev1 = 0;
            for (var i = 0; i <= token.Length; i++)
            {
                var cur = i < token.Length ? Symbol(token[i]) : 0;
                if (i >= 1)
                {
                    codes.Add((((prev2 * Alphabet) + prev1) * Alphabet) + cur);
                }

                prev2 = prev1;
                prev1 = cur;
            }
        }
    }

    private static int Symbol(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a' + 1,
        >= '0' and <= '9' => c - '0' + 27,
        _ => 0,
    };
}

using System.Globalization;
using System.Text;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Text;

namespace Interdict.Evaluation;

/// <summary>
/// The baseline: the method OFAC documents for its Sanctions List Search (FAQ 249), implemented from that description.
/// Candidates are names with a part that shares its first letter with a query part and is at least 50% similar to it by
/// edit distance. The
/// score is the higher of (1) Jaro-Winkler over the whole name strings and (2) a composite over the query's name parts,
/// each part scored against the listed name's parts with Jaro-Winkler and Soundex (a Soundex match lifts a part's score
/// halfway to 1). Names are upper-cased and stripped of diacritics; other scripts are not transliterated (the tool
/// does not). Dates of birth and other facts are not used (the tool's name score ignores them).
/// </summary>
public sealed class OfacSlsBaseline
{
    private readonly (string EntityId, string Full, string[] Parts, string[] Codes)[] _names;

    /// <summary>Prepares every name and alias of the given lists.</summary>
    public OfacSlsBaseline(IEnumerable<WatchList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        _names = [.. lists.SelectMany(l => l.Entities).SelectMany(e => e.Names.Select(n => Prepare(e.Id, n.Value))).Where(n => n.Parts.Length > 0)];
    }

    /// <summary>The baseline's name.</summary>
    public const string Name = "ofac-sls-baseline (Jaro-Winkler + Soundex, OFAC FAQ 249)";

    /// <summary>Hits scoring at least <paramref name="threshold"/>, one per entity (its best name), best first.</summary>
    public IReadOnlyList<ScoredId> Screen(string name, double threshold)
    {
        var q = Prepare("", name);
        if (q.Parts.Length == 0)
        {
            return [];
        }

        var firstLetters = q.Parts.Select(p => p[0]).ToHashSet();
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var n in _names)
        {
            // Candidates: a listed part with the first letter of a query part, at least 50% similar to it by edit distance.
            if (!n.Parts.Any(p => firstLetters.Contains(p[0]) && q.Parts.Any(qp => qp[0] == p[0] && EditSimilarity(qp, p) >= 0.5)))
            {
                continue;
            }

            var whole = JaroWinkler.Similarity(q.Full, n.Full);
            var parts = 0.0;
            for (var i = 0; i < q.Parts.Length; i++)
            {
                var partBest = 0.0;
                for (var j = 0; j < n.Parts.Length; j++)
                {
                    var jw = JaroWinkler.Similarity(q.Parts[i], n.Parts[j]);
                    partBest = Math.Max(partBest, q.Codes[i] == n.Codes[j] ? (jw + 1) / 2 : jw);
                }

                parts += partBest;
            }

            var score = Math.Round(Math.Max(whole, parts / q.Parts.Length), 4);
            if (score >= threshold && (!best.TryGetValue(n.EntityId, out var s) || score > s))
            {
                best[n.EntityId] = score;
            }
        }

        return [.. best.Select(kv => new ScoredId(kv.Key, kv.Value)).OrderByDescending(h => h.Score).ThenBy(h => h.EntityId, StringComparer.Ordinal)];
    }

    /// <summary>American Soundex of an upper-case word (letters only): the first letter and three digits.</summary>
    public static string Soundex(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var letters = word.Where(char.IsAsciiLetterUpper).ToArray();
        if (letters.Length == 0)
        {
            return "";
        }

        static char Code(char c) => c switch
        {
            'B' or 'F' or 'P' or 'V' => '1',
            'C' or 'G' or 'J' or 'K' or 'Q' or 'S' or 'X' or 'Z' => '2',
            'D' or 'T' => '3',
            'L' => '4',
            'M' or 'N' => '5',
            'R' => '6',
            'H' or 'W' => '-', // transparent: same codes either side of H or W merge
            _ => '0', // vowels separate equal codes
        };

        var result = new StringBuilder().Append(letters[0]);
        var last = Code(letters[0]);
        for (var i = 1; i < letters.Length && result.Length < 4; i++)
        {
            var c = Code(letters[i]);
            if (c == '-')
            {
                continue;
            }

            if (c != '0' && c != last)
            {
                result.Append(c);
            }

            last = c;
        }

        return result.ToString().PadRight(4, '0');
    }

    private static (string EntityId, string Full, string[] Parts, string[] Codes) Prepare(string entityId, string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : c == '\'' ? '\0' : ' ');
        }

        var parts = text.ToString().Replace("\0", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (entityId, string.Join(' ', parts), parts, [.. parts.Select(Soundex)]);
    }

    private static double EditSimilarity(string a, string b)
    {
        var longest = Math.Max(a.Length, b.Length);
        if (longest == 0)
        {
            return 1;
        }

        // A cheap bound first: lengths alone already differ by more than half.
        if (Math.Abs(a.Length - b.Length) > longest / 2)
        {
            return 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return 1 - ((double)previous[b.Length] / longest);
    }
}

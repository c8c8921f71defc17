using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>A name prepared for comparison: folded tokens and their weights.</summary>
internal sealed class PreparedName
{
    public PreparedName(string text)
    {
        Text = text;
        Tokens = NameNormalizer.Tokenize(text);
        Weights = new double[Tokens.Length];
        for (var i = 0; i < Tokens.Length; i++)
        {
            Weights[i] = NameTerms.WeightOf(Tokens[i]) * Tokens[i].Length;
            TotalWeight += Weights[i];
        }

        Joined = string.Concat(Tokens);
        // Only names actually written in Arabic or Hebrew script: Latin acronyms ("BNC") have no vowels either, and
        // comparing them by skeleton would raise false alerts ("BNC" against "Banco").
        var words = Tokens.Where(t => t.Length >= 3).ToArray();
        Vowelless = text.Any(IsArabicOrHebrewLetter) && words.Length > 0 && words.All(NameMatcher.IsVowelless);
    }

    /// <summary>True when the name is in Arabic or Hebrew script and every word of three or more letters lacks vowels.</summary>
    public bool Vowelless { get; }

    public string Text { get; }

    public string[] Tokens { get; }

    public double[] Weights { get; }

    public double TotalWeight { get; }

    private static bool IsArabicOrHebrewLetter(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    /// <summary>The tokens without spaces, to catch joined and split words (AbdulRahman / Abdul Rahman).</summary>
    public string Joined { get; }
}

/// <summary>The result of comparing two names.</summary>
internal readonly record struct NameComparison(double Score, IReadOnlyList<TokenAlignment> Alignment);

/// <summary>
/// Compares two names part by part: each query part is paired with the most similar listed part (any order),
/// similarities come from Jaro-Winkler on folded parts, and the score is the weighted share of both names that was paired.
/// </summary>
internal static class NameMatcher
{
    /// <summary>The algorithm's name, reported with every score.</summary>
    public const string Algorithm = "interdict-name";

    /// <summary>The algorithm's version; bump it on any change that alters scores.</summary>
    public const string Version = "1.1.0";

    // Below this Jaro-Winkler similarity two name parts are unrelated.
    private const double MinTokenSimilarity = 0.75;

    // Listed name parts that the query lacks cost less than query parts the list lacks: lists carry
    // middle names and patronymics that customer records often omit.
    private const double UnpairedListedPartsFactor = 0.5;

    /// <summary>
    /// Similarity of two folded name parts, 0–1. With <paramref name="skeletons"/> (one name is written without
    /// vowels), consonant skeletons are compared too.
    /// </summary>
    public static double TokenSimilarity(string a, string b, bool skeletons = false)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        // Numbers (vessel numerals, years in names) must agree exactly.
        if (HasDigit(a) || HasDigit(b))
        {
            return 0;
        }

        // Roman numerals in vessel and company names (ARK II / ARK III) must agree exactly too.
        if (IsRomanNumeral(a) && IsRomanNumeral(b))
        {
            return 0;
        }

        // An initial matches a name that starts with it.
        if ((a.Length == 1 && b.StartsWith(a[0])) || (b.Length == 1 && a.StartsWith(b[0])))
        {
            return 0.8;
        }

        var jw = JaroWinkler.Similarity(a, b);
        var similarity = jw < MinTokenSimilarity ? 0 : Calibrate(jw);

        // Arabic and Hebrew script are written without short vowels: "qsm" (قاسم) against "qasem". Compare consonant
        // skeletons when exactly one name is written so, a little below a spelled-out match.
        if (skeletons && similarity < 1)
        {
            var sk = JaroWinkler.Similarity(Skeleton(a), Skeleton(b));
            similarity = Math.Max(similarity, sk < 0.85 ? 0 : SkeletonFactor * Calibrate(sk));
        }

        return similarity;
    }

    // A skeleton match is weaker evidence than a spelled-out one: many names share consonants.
    private const double SkeletonFactor = 0.92;

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

    /// <summary>Compares a query name with a listed name; builds the alignment only when <paramref name="explain"/> is set.</summary>
    public static NameComparison Compare(PreparedName query, PreparedName listed, bool lenientOnListedParts, bool explain = true)
    {
        var q = query.Tokens;
        var c = listed.Tokens;
        if (q.Length == 0 || c.Length == 0)
        {
            return new NameComparison(0, []);
        }

        // Every pair with some similarity, best first; then pair greedily.
        Span<(double Sim, int I, int J)> pairs = q.Length * c.Length <= 256
            ? stackalloc (double, int, int)[q.Length * c.Length]
            : new (double, int, int)[q.Length * c.Length];
        var count = 0;
        for (var i = 0; i < q.Length; i++)
        {
            for (var j = 0; j < c.Length; j++)
            {
                var s = TokenSimilarity(q[i], c[j], query.Vowelless != listed.Vowelless);
                if (s > 0)
                {
                    pairs[count++] = (s, i, j);
                }
            }
        }

        var used = pairs[..count];
        used.Sort(static (x, y) => y.Sim != x.Sim ? y.Sim.CompareTo(x.Sim) : x.I != y.I ? x.I.CompareTo(y.I) : x.J.CompareTo(y.J));
        Span<int> qPair = q.Length <= 64 ? stackalloc int[q.Length] : new int[q.Length];
        Span<int> cPair = c.Length <= 64 ? stackalloc int[c.Length] : new int[c.Length];
        qPair.Fill(-1);
        cPair.Fill(-1);
        Span<double> qSim = q.Length <= 64 ? stackalloc double[q.Length] : new double[q.Length];
        foreach (var (sim, i, j) in used)
        {
            if (qPair[i] < 0 && cPair[j] < 0)
            {
                qPair[i] = j;
                cPair[j] = i;
                qSim[i] = sim;
            }
        }

        double matched = 0, total = query.TotalWeight;
        for (var i = 0; i < q.Length; i++)
        {
            if (qPair[i] >= 0)
            {
                matched += qSim[i] * (query.Weights[i] + listed.Weights[qPair[i]]);
            }
        }

        var listedFactor = lenientOnListedParts ? UnpairedListedPartsFactor : 1.0;
        for (var j = 0; j < c.Length; j++)
        {
            total += cPair[j] >= 0 ? listed.Weights[j] : listed.Weights[j] * listedFactor;
        }

        var score = total > 0 ? matched / total : 0;

        // Joined or split words: "abdulrahman" against "abdul rahman".
        var joinedSimilarity = 0.0;
        if (q.Length != c.Length)
        {
            var jw = JaroWinkler.Similarity(query.Joined, listed.Joined);
            joinedSimilarity = jw < 0.9 ? 0 : Calibrate(jw);
        }

        if (joinedSimilarity > score)
        {
            return new NameComparison(joinedSimilarity, !explain ? [] : [new TokenAlignment(string.Join(' ', q), string.Join(' ', c), joinedSimilarity, 1)]);
        }

        if (!explain)
        {
            return new NameComparison(score, []);
        }

        var alignment = new List<TokenAlignment>(q.Length + c.Length);
        for (var i = 0; i < q.Length; i++)
        {
            var j = qPair[i];
            alignment.Add(j >= 0
                ? new TokenAlignment(q[i], c[j], Math.Round(qSim[i], 4), Math.Round(NameTerms.WeightOf(q[i]) * NameTerms.WeightOf(c[j]), 2))
                : new TokenAlignment(q[i], null, 0, NameTerms.WeightOf(q[i])));
        }

        for (var j = 0; j < c.Length; j++)
        {
            if (cPair[j] < 0)
            {
                alignment.Add(new TokenAlignment(null, c[j], 0, Math.Round(NameTerms.WeightOf(c[j]) * listedFactor, 2)));
            }
        }

        return new NameComparison(score, alignment);
    }

    private static bool IsRomanNumeral(string s) => s.Length is > 1 and <= 4 && !s.AsSpan().ContainsAnyExcept("ivx");

    private static bool HasDigit(string s) => s.AsSpan().ContainsAnyInRange('0', '9');
}

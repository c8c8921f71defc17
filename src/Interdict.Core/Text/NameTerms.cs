using System.Collections.Frozen;
using System.Globalization;
using Interdict.Core.Matching;

namespace Interdict.Core.Text;

/// <summary>Weights of low-information words in names (legal forms, generic words, honorifics, particles, very common names).</summary>
internal static class NameTerms
{
    private static readonly Lazy<FrozenDictionary<string, (double Weight, string Category, MatcherVersion Since)>> Terms = new(Load);

    /// <summary>The weight of a folded token for the current matcher: 1 for ordinary words, less for the terms in <c>Data/name-terms.tsv</c>.</summary>
    public static double WeightOf(string token) => WeightOf(token, MatcherVersion.Current);

    /// <summary>The weight of a folded token as <paramref name="version"/> of the matcher sees it.</summary>
    public static double WeightOf(string token, MatcherVersion version) => Find(token, version) is { } t ? t.Weight : 1.0;

    /// <summary>The category of a folded token (legal-form, generic, honorific, particle, common-name), or null for ordinary words.</summary>
    public static string? CategoryOf(string token) => CategoryOf(token, MatcherVersion.Current);

    /// <summary>The category of a folded token as <paramref name="version"/> of the matcher sees it.</summary>
    public static string? CategoryOf(string token, MatcherVersion version) => Find(token, version)?.Category;

    private static (double Weight, string Category)? Find(string token, MatcherVersion version)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (Terms.Value.TryGetValue(token, out var t) && t.Since <= version)
        {
            return (t.Weight, t.Category);
        }

        // From 1.2.0 a spelling variant weighs as its canonical form (Mohamed as muhammad).
        if (version >= MatcherVersion.V120 && Romanisation.Canonical(token) is { } canonical && canonical != token
            && Terms.Value.TryGetValue(canonical, out var c) && c.Since <= version)
        {
            return (c.Weight, c.Category);
        }

        return null;
    }

    private static FrozenDictionary<string, (double, string, MatcherVersion)> Load()
    {
        var map = new Dictionary<string, (double, string, MatcherVersion)>(StringComparer.Ordinal);
        foreach (var f in ReferenceData.ReadTsv("name-terms.tsv"))
        {
            var since = f.Length > 3 && MatcherVersions.TryParse(f[3], out var v) ? v : MatcherVersion.V110;
            map[f[0]] = (double.Parse(f[1], CultureInfo.InvariantCulture), f[2], since);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

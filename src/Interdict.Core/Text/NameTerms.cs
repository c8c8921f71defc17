using System.Collections.Frozen;
using System.Globalization;

namespace Interdict.Core.Text;

/// <summary>Weights of low-information words in names (legal forms, generic words, honorifics, particles).</summary>
public static class NameTerms
{
    private static readonly Lazy<FrozenDictionary<string, (double Weight, string Category)>> Terms = new(Load);

    /// <summary>The weight of a folded token: 1 for ordinary words, less for the terms in <c>Data/name-terms.tsv</c>.</summary>
    public static double WeightOf(string token) => Terms.Value.TryGetValue(token, out var t) ? t.Weight : 1.0;

    /// <summary>The category of a folded token (legal-form, generic, honorific, particle), or null for ordinary words.</summary>
    public static string? CategoryOf(string token) => Terms.Value.TryGetValue(token, out var t) ? t.Category : null;

    private static FrozenDictionary<string, (double, string)> Load()
    {
        var map = new Dictionary<string, (double, string)>(StringComparer.Ordinal);
        foreach (var f in ReferenceData.ReadTsv("name-terms.tsv"))
        {
            map[f[0]] = (double.Parse(f[1], CultureInfo.InvariantCulture), f[2]);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

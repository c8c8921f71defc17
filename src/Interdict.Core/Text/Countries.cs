using System.Collections.Frozen;
using System.Reflection;

namespace Interdict.Core.Text;

/// <summary>
/// Recognises a country however messy systems write it: ISO alpha-2 or alpha-3 codes, English names in either order
/// ("Iran (Islamic Republic of)", "Korea, North"), and demonyms ("Tunisian"). Reference data: <c>Data/countries.tsv</c>.
/// </summary>
public static class Countries
{
    private static readonly Lazy<FrozenDictionary<string, Country>> Lookup = new(Load);

    /// <summary>Every country in the reference data.</summary>
    public static IEnumerable<Country> All => Lookup.Value.Values.Distinct();

    /// <summary>Resolves free text to a country, or returns false when it cannot be understood.</summary>
    public static bool TryResolve(string? text, out Country country)
    {
        country = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        // Lists qualify some entries: "Region: Crimea", "possibly Palestinian".
        foreach (var prefix in (string[])["Region:", "possibly "])
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[prefix.Length..].Trim();
            }
        }

        if (Lookup.Value.TryGetValue(Key(trimmed), out var found))
        {
            country = found;
            return true;
        }

        return false;
    }

    /// <summary>The lookup key: folded words in sorted order, so "Iran (Islamic Republic of)" = "Iran, Islamic Republic of".</summary>
    private static string Key(string text)
    {
        var tokens = NameNormalizer.Tokenize(text);
        Array.Sort(tokens, StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }

    private static FrozenDictionary<string, Country> Load()
    {
        var map = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var fields in ReferenceData.ReadTsv("countries.tsv"))
        {
            var country = new Country(fields[0], fields[1], fields[2]);
            // ISO codes and full names win over demonyms and alternative names when two countries share one.
            map[Key(country.Alpha2)] = country;
            map[Key(country.Alpha3)] = country;
            map[Key(country.Name)] = country;
            if (fields.Length > 3)
            {
                foreach (var other in fields[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    map.TryAdd(Key(other), country);
                }
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Reads the commented reference data files embedded in Core.</summary>
internal static class ReferenceData
{
    /// <summary>Reads a tab-separated file, skipping blank lines and <c>#</c> comments.</summary>
    public static IEnumerable<string[]> ReadTsv(string name)
    {
        var assembly = typeof(ReferenceData).Assembly;
        using var stream = assembly.GetManifestResourceStream("Interdict.Core.Data." + name)
            ?? throw new InvalidOperationException($"Reference data '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            yield return line.Split('\t');
        }
    }
}

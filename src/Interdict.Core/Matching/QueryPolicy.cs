using System.Globalization;
using Interdict.Core.Model;

namespace Interdict.Core.Matching;

/// <summary>A party as a caller wrote it: every field free text, as it comes from a form, a CSV row or a request.</summary>
/// <param name="Name">The name, in any script; the only field a query needs.</param>
/// <param name="Type">person, organization, vessel or aircraft (and their usual synonyms).</param>
/// <param name="Dob">A date of birth: <c>1957</c>, <c>1957-03</c>, <c>1957-03-11</c> or <c>11 Mar 1957</c>.</param>
/// <param name="Country">A country: ISO code, English name or demonym.</param>
/// <param name="Identifier">A passport, ID, IMO or other number.</param>
public sealed record QueryInput(string? Name, string? Type = null, string? Dob = null, string? Country = null, string? Identifier = null);

/// <summary>The bounds a query and its options must keep; the server reads them from its <c>Limits</c> settings.</summary>
public sealed record QueryLimits
{
    /// <summary>The defaults every door uses unless configured otherwise.</summary>
    public static QueryLimits Default { get; } = new();

    /// <summary>Characters in one name.</summary>
    public int MaxNameLength { get; init; } = 500;

    /// <summary>Words in one name (the longest listed names have about 25).</summary>
    public int MaxNameWords { get; init; } = 40;

    /// <summary>Hits one query may ask for.</summary>
    public int MaxHits { get; init; } = 1000;
}

/// <summary>A query built from loose input, or why none could be.</summary>
/// <param name="Query">The query; null when <paramref name="Error"/> says why not.</param>
/// <param name="Warnings">What was not understood and was ignored.</param>
/// <param name="Error">Why there is nothing to screen (no name, a name too long).</param>
public sealed record QueryBuild(ScreeningQuery? Query, IReadOnlyList<string> Warnings, string? Error);

/// <summary>
/// The one policy by which every door (the CLI's single screen and batch, the HTTP API, the yente-compatible API, the
/// analyst page) turns what a caller wrote into a <see cref="ScreeningQuery"/> and <see cref="ScreeningOptions"/>: what
/// cannot be understood (an unknown type, a date that is not one) is ignored with a warning; only a missing or unusable
/// name, or an option outside its range, is an error. Messages name the field as the caller knows it (<c>--dob</c>,
/// <c>parties[2].name</c>, <c>name</c>); the door adds where (a file and line).
/// </summary>
public static class QueryPolicy
{
    /// <summary>Builds a query; <paramref name="nameField"/> is how the caller knows the name field.</summary>
    public static QueryBuild Build(QueryInput input, QueryLimits? limits = null, string nameField = "name")
    {
        ArgumentNullException.ThrowIfNull(input);
        limits ??= QueryLimits.Default;
        var name = input.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            return new QueryBuild(null, [], $"{nameField} is required: the name to screen");
        }

        name = name.Trim();
        if (name.Length > limits.MaxNameLength)
        {
            return new QueryBuild(null, [], $"{nameField} is {name.Length:N0} characters long; at most {limits.MaxNameLength:N0} (setting Limits:MaxNameLength)");
        }

        if (WordsOf(name) is var words && words > limits.MaxNameWords)
        {
            return new QueryBuild(null, [], $"{nameField} has {words:N0} words; at most {limits.MaxNameWords:N0} (setting Limits:MaxNameWords): screen each name on its own");
        }

        var warnings = new List<string>();
        var kind = EntityKind.Unknown;
        if (!string.IsNullOrWhiteSpace(input.Type) && !EntityKinds.TryParse(input.Type.Trim(), out kind))
        {
            warnings.Add($"type '{input.Type.Trim()}' is not one of person, organization, vessel, aircraft and was ignored");
        }

        PartialDate? dob = null;
        if (!string.IsNullOrWhiteSpace(input.Dob))
        {
            if (PartialDate.TryParseFlexible(input.Dob.Trim(), out var d))
            {
                dob = d;
            }
            else
            {
                warnings.Add($"date of birth '{input.Dob.Trim()}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or '11 Mar 1957') and was ignored");
            }
        }

        var query = new ScreeningQuery
        {
            Name = name,
            Kind = kind,
            DateOfBirth = dob,
            Country = string.IsNullOrWhiteSpace(input.Country) ? null : input.Country.Trim(),
            Identifier = string.IsNullOrWhiteSpace(input.Identifier) ? null : input.Identifier.Trim(),
        };
        return new QueryBuild(query, warnings, null);
    }

    /// <summary>Reads a threshold written as text: null when absent, an error when not a number from 0 to 1.</summary>
    public static string? ParseThreshold(string? text, string field, out double? threshold)
    {
        threshold = null;
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t))
        {
            return $"{field} '{text}' is not a number from 0 to 1";
        }

        threshold = t;
        return CheckThreshold(t, field);
    }

    /// <summary>Reads a hit limit written as text: null when absent, an error when not a whole number in range.</summary>
    public static string? ParseLimit(string? text, string field, QueryLimits? limits, out int? limit)
    {
        limit = null;
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
        {
            return $"{field} '{text}' is not a whole number from 1 to {(limits ?? QueryLimits.Default).MaxHits}";
        }

        limit = l;
        return CheckLimit(l, field, limits);
    }

    /// <summary>Why a threshold cannot be used, or null.</summary>
    public static string? CheckThreshold(double? threshold, string field) =>
        threshold is { } t && t is not (>= 0 and <= 1) ? string.Create(CultureInfo.InvariantCulture, $"{field} '{t}' is outside 0 to 1") : null;

    /// <summary>Why a hit limit cannot be used, or null.</summary>
    public static string? CheckLimit(int? limit, string field, QueryLimits? limits = null)
    {
        var max = (limits ?? QueryLimits.Default).MaxHits;
        return limit is { } l && (l < 1 || l > max) ? $"{field} '{l}' is outside 1 to {max} (setting Limits:MaxHits)" : null;
    }

    /// <summary>
    /// The lists selected by <paramref name="ids"/> among those loaded: null for all (none given), or why one cannot be
    /// selected.
    /// </summary>
    public static string? SelectLists(IReadOnlyList<string>? ids, IEnumerable<string> loaded, string field, out IReadOnlySet<string>? selected)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        selected = null;
        if (ids is not { Count: > 0 })
        {
            return null;
        }

        var known = loaded.ToList();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!known.Contains(id, StringComparer.Ordinal))
            {
                return $"{field}: list '{id}' is not loaded; loaded: {string.Join(", ", known)}";
            }

            set.Add(id);
        }

        selected = set;
        return null;
    }

    /// <summary>Words in a name as the limits count them: runs of letters or digits.</summary>
    public static int WordsOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = 0;
        var inWord = false;
        foreach (var c in name)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }
}

using System.Text.RegularExpressions;

namespace Interdict.Core.Matching;

/// <summary>A query name split into the name proper and any identifiers pasted into it.</summary>
/// <param name="Name">The name without the identifiers.</param>
/// <param name="Identifiers">Identifiers found in the name, e.g. <c>IMO 9187655</c>.</param>
public sealed record ParsedName(string Name, IReadOnlyList<string> Identifiers);

/// <summary>Recognises identifiers pasted into a name field ("Ark III (IMO 9187655)", "ACME LTD, SWIFT ACMEGB2L").</summary>
public static partial class QueryParser
{
    /// <summary>Separates identifiers from the name. The name keeps everything that is not an identifier.</summary>
    public static ParsedName Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var identifiers = new List<string>();
        var rest = IdentifierPattern().Replace(name, m =>
        {
            identifiers.Add($"{m.Groups["label"].Value.ToUpperInvariant()} {m.Groups["number"].Value}");
            return " ";
        });
        // Brackets left empty by the removal, and dangling separators, go too.
        rest = EmptyBrackets().Replace(rest, " ");
        rest = rest.Trim().Trim(',', ';', '-', ':').Trim();
        return new ParsedName(rest.Length == 0 ? name.Trim() : rest, identifiers);
    }

    // A label is a word of its own: not the start of a longer word ("BICENTENARIO" is a vessel, not BIC "ENTENARIO";
    // "Imoberdorf" a family name), though the number may follow it without a space ("IMO9187655").
    [GeneratedRegex(@"\b(?<label>IMO|MMSI|SWIFT/BIC|SWIFT|BIC|passport|passport no\.?|national id(?: no\.?)?)(?![a-z])\s*(?:no\.?|number|#|:)?\s*(?<number>[A-Z0-9][A-Z0-9\-]{3,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"[\(\[\{]\s*[,;:]?\s*[\)\]\}]")]
    private static partial Regex EmptyBrackets();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Interdict.Core.Model;

namespace Interdict.Lists.Ofac;

/// <summary>Structured facts parsed from an OFAC remarks field.</summary>
internal sealed class RemarkFacts
{
    public List<DateOfBirth> DatesOfBirth { get; } = [];

    public List<string> PlacesOfBirth { get; } = [];

    public List<string> Nationalities { get; } = [];

    public List<string> Citizenships { get; } = [];

    public string? Gender { get; set; }

    public List<IdentityDocument> Documents { get; } = [];

    public List<string> Websites { get; } = [];

    public List<string> Emails { get; } = [];

    public List<EntityName> Names { get; } = [];

    public List<string> LinkedTo { get; } = [];

    public bool SecondarySanctions { get; set; }

    public List<string> Other { get; } = [];
}

/// <summary>
/// Parses OFAC's remarks field: semicolon-separated parts such as <c>DOB 11 Mar 1957</c>, <c>POB Qom, Iran</c>,
/// <c>Diplomatic Passport 008827 (Iran) issued 1999</c>, <c>a.k.a. 'ISLAMIC RESISTANCE IN IRAQ'</c>, <c>Linked To: HIZBALLAH</c>.
/// Parts it does not recognise are kept verbatim as other facts.
/// </summary>
internal static partial class OfacRemarks
{
    private static readonly Lazy<(string Label, DocumentKind Kind)[]> Labels = new(LoadLabels);

    public static RemarkFacts Parse(string? remarks)
    {
        var facts = new RemarkFacts();
        if (string.IsNullOrWhiteSpace(remarks))
        {
            return facts;
        }

        foreach (var raw in SplitParts(remarks))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            if (!TryParsePart(part, facts))
            {
                facts.Other.Add(part);
            }
        }

        return facts;
    }

    /// <summary>Splits on semicolons that are not inside a quoted a.k.a. name; drops the final full stop.</summary>
    internal static IEnumerable<string> SplitParts(string remarks)
    {
        var text = remarks.Trim();
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        var start = 0;
        var inQuote = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'' && IsQuoteBoundary(text, i, inQuote))
            {
                inQuote = !inQuote;
            }
            else if (c == ';' && !inQuote)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    // An opening quote follows "a.k.a. "; a closing quote is followed by ';' or the end. Apostrophes inside names (KATA'IB) are neither.
    private static bool IsQuoteBoundary(string text, int i, bool inQuote) => inQuote
        ? i + 1 == text.Length || text[i + 1] == ';' || (text[i + 1] == '.' && i + 2 == text.Length)
        : i >= 6 && text.AsSpan(i - 6, 6).SequenceEqual(".k.a. ");

    private static bool TryParsePart(string part, RemarkFacts facts)
    {
        var alt = part.StartsWith("alt. ", StringComparison.OrdinalIgnoreCase);
        var body = alt ? part[5..] : part;

        if (AkaPattern().Match(part) is { Success: true } aka)
        {
            var type = aka.Groups["type"].Value.ToUpperInvariant() switch
            {
                "F" => NameType.Fka,
                "N" => NameType.Nka,
                _ => NameType.Aka,
            };
            // OFAC publishes its low-quality ("weak") a.k.a.s in the remarks rather than in alt.csv.
            facts.Names.Add(new EntityName(aka.Groups["name"].Value.Trim(), type, AliasQuality.Weak, "remarks"));
            return true;
        }

        if (body.StartsWith("DOB ", StringComparison.Ordinal))
        {
            if (TryParseDateOfBirth(body[4..], alt, out var dob))
            {
                facts.DatesOfBirth.Add(dob);
                return true;
            }

            return false;
        }

        if (TryStrip(body, "POB ", out var pob))
        {
            facts.PlacesOfBirth.Add(pob);
            return true;
        }

        if (TryStrip(body, "nationality ", out var nationality))
        {
            facts.Nationalities.Add(nationality);
            return true;
        }

        if (TryStrip(body, "citizen ", out var citizen))
        {
            facts.Citizenships.Add(citizen);
            return true;
        }

        if (TryStrip(body, "Gender ", out var gender))
        {
            facts.Gender = gender;
            return true;
        }

        if (TryStrip(body, "Linked To: ", out var linked))
        {
            facts.LinkedTo.Add(linked);
            return true;
        }

        if (TryStrip(body, "Website ", out var website))
        {
            facts.Websites.Add(website);
            return true;
        }

        if (TryStrip(body, "Email Address ", out var email) || TryStrip(body, "Email ", out email))
        {
            facts.Emails.Add(email);
            return true;
        }

        if (part.Contains("Subject to Secondary Sanctions", StringComparison.OrdinalIgnoreCase))
        {
            facts.SecondarySanctions = true;
            return true;
        }

        if (body.StartsWith("Secondary sanctions risk:", StringComparison.OrdinalIgnoreCase))
        {
            facts.SecondarySanctions = true;
            return false; // Keep the text: it names the authority.
        }

        if (TryParseDocument(body, out var document))
        {
            facts.Documents.Add(document);
            return true;
        }

        return false;
    }

    private static bool TryStrip(string body, string prefix, out string rest)
    {
        if (body.StartsWith(prefix, StringComparison.Ordinal) && body.Length > prefix.Length)
        {
            rest = body[prefix.Length..].Trim();
            return true;
        }

        rest = "";
        return false;
    }

    /// <summary>Parses <c>11 Mar 1957</c>, <c>Mar 1957</c>, <c>1957</c>, <c>circa 1956</c>, <c>1962 to 1963</c>, <c>01 Jan 1974 to 31 Dec 1975</c>.</summary>
    internal static bool TryParseDateOfBirth(string text, bool alternative, out DateOfBirth dob)
    {
        dob = null!;
        var t = text.Trim();
        var circa = false;
        if (t.StartsWith("circa ", StringComparison.OrdinalIgnoreCase))
        {
            circa = true;
            t = t[6..].Trim();
        }

        var pieces = t.Split(" to ", 2, StringSplitOptions.TrimEntries);
        if (!TryParseOfacDate(pieces[0], out var from))
        {
            return false;
        }

        var to = from;
        if (pieces.Length == 2 && !TryParseOfacDate(pieces[1], out to))
        {
            return false;
        }

        dob = new DateOfBirth(from, to, circa, alternative, text.Trim());
        return true;
    }

    /// <summary>Parses OFAC's <c>dd Mon yyyy</c>, <c>Mon yyyy</c> or <c>yyyy</c>.</summary>
    internal static bool TryParseOfacDate(string text, out PartialDate date)
    {
        date = default;
        var m = OfacDatePattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        int? month = null;
        int? day = null;
        if (m.Groups["m"].Success)
        {
            var index = Array.IndexOf(Months, m.Groups["m"].Value.ToUpperInvariant()[..3]);
            if (index < 0)
            {
                return false;
            }

            month = index + 1;
        }

        if (m.Groups["d"].Success)
        {
            day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (month is null || day < 1 || day > DateTime.DaysInMonth(year, month.Value))
            {
                return false;
            }
        }

        date = new PartialDate(year, month, day);
        return true;
    }

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>Parses <c>Label NUMBER (Country) note</c> for the labels in <c>document-labels.tsv</c>, or a generic numbered label.</summary>
    internal static bool TryParseDocument(string body, out IdentityDocument document)
    {
        document = null!;
        string? label = null;
        var kind = DocumentKind.Other;
        foreach (var (l, k) in Labels.Value)
        {
            if (body.Length > l.Length + 1 && body.StartsWith(l, StringComparison.OrdinalIgnoreCase) && body[l.Length] == ' ')
            {
                label = body[..l.Length];
                kind = k;
                break;
            }
        }

        string rest;
        if (label is null)
        {
            var generic = GenericDocumentPattern().Match(body);
            if (!generic.Success)
            {
                return false;
            }

            label = generic.Groups["label"].Value;
            rest = generic.Groups["rest"].Value;
        }
        else
        {
            rest = body[label.Length..].Trim();
        }

        // "IMO 9187655" under a registration label is an IMO number; keep the digits as the number.
        var imo = ImoPattern().Match(rest);
        if (imo.Success && (kind is DocumentKind.Imo or DocumentKind.Other or DocumentKind.Registration))
        {
            document = new IdentityDocument(DocumentKind.Imo, $"{label} IMO", imo.Groups["n"].Value, null, NullIfEmpty(rest[(imo.Index + imo.Length)..]));
            return true;
        }

        var m = DocumentValuePattern().Match(rest);
        if (!m.Success)
        {
            return false;
        }

        document = new IdentityDocument(
            kind,
            label,
            m.Groups["number"].Value.Trim(),
            m.Groups["country"].Success ? m.Groups["country"].Value.Trim() : null,
            NullIfEmpty(m.Groups["note"].Value));
        return true;
    }

    /// <summary>The kind filed for an OFAC document label (as in <c>document-labels.tsv</c>), <see cref="DocumentKind.Other"/> when unknown.</summary>
    internal static DocumentKind DocumentKindOf(string label)
    {
        var t = label.Trim();
        foreach (var (l, k) in Labels.Value)
        {
            if (string.Equals(t, l, StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        return t.Contains("Passport", StringComparison.OrdinalIgnoreCase) ? DocumentKind.Passport : DocumentKind.Other;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static (string, DocumentKind)[] LoadLabels()
    {
        var labels = TsvResource.Read("Interdict.Lists.Ofac.Data.document-labels.tsv").Select(f => (f[0], Enum.Parse<DocumentKind>(f[1])));

        // Longest first, so "Diplomatic Passport" wins over "Passport" and "C.U.R.P. #" over "C.U.R.P.".
        return [.. labels.OrderByDescending(l => l.Item1.Length)];
    }

    [GeneratedRegex(@"^(?<type>[afn])\.k\.a\.,?\s+'(?<name>.+)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AkaPattern();

    [GeneratedRegex(@"^(?:(?<d>\d{1,2})\s+)?(?:(?<m>[A-Za-z]{3,9})\.?\s+)?(?<y>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex OfacDatePattern();

    [GeneratedRegex(@"^(?<number>[^\s(][^(]*?)(?:\s*\((?<country>[^)]+)\))?(?<note>\s+(?:issued|expires|valid|\(|alt\.).*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentValuePattern();

    [GeneratedRegex(@"^(?<label>[A-Za-z][A-Za-z .'/()-]*?(?:No\.|Number|#|ID))\s+(?<rest>\S*\d.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GenericDocumentPattern();

    [GeneratedRegex(@"\bIMO\s+(?<n>\d{7})\b", RegexOptions.CultureInvariant)]
    private static partial Regex ImoPattern();
}

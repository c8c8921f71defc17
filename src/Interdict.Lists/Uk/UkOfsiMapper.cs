using System.Globalization;
using System.Text.RegularExpressions;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Csv;
using Interdict.Lists.Ofac;
using Interdict.Lists.Spreadsheets;

namespace Interdict.Lists.Uk;

/// <summary>
/// Reads the OFSI consolidated list CSV. Rows are grouped by <c>Group ID</c> into one entity (<c>uk-ofsi:&lt;Group ID&gt;</c>);
/// the first <c>Prime Alias</c> row gives the primary name, the others become aliases, and every row's regime is a programme.
/// </summary>
public static partial class UkOfsiMapper
{
    // The columns of the 2018 CSV layout; the 2022 layout (ConList.csv and ConList.xlsx) has these but NI Number and Last
    // Updated, and adds Name Non-Latin Script, Passport Number, National Identification Number and Details, Alias
    // Quality and UK Sanctions List Date Designated. Columns are found by their header, so both layouts read alike.
    internal static readonly string[] Columns =
    [
        "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB", "Town of Birth", "Country of Birth",
        "Nationality", "Passport Details", "NI Number", "Position", "Address 1", "Address 2", "Address 3", "Address 4",
        "Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type", "Regime",
        "Listed On", "Last Updated", "Group ID",
    ];

    // Without these a row cannot be read as a name of a group.
    private static readonly string[] Required = ["Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Group Type", "Alias Type", "Regime", "Group ID"];

    /// <summary>
    /// Reads a whole file, CSV or the .xlsx workbook OFSI publishes beside it (first sheet; cells by their references);
    /// a malformed one raises <see cref="ListFormatException"/> naming the file (and sheet) and line (row).
    /// </summary>
    public static WatchList Read(SourceFile file, string listId = UkOfsiSource.Id)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (buffer, hash, zip) = SpreadsheetRows.Buffered(file.Stream);
        var where = file.Name;
        IEnumerable<RawRecord> records;
        if (zip)
        {
            var (sheet, sheetRows) = SpreadsheetRows.ReadXlsx(buffer, listId, file.Name);
            where = $"{file.Name}, sheet '{sheet}'";
            records = sheetRows;
        }
        else
        {
            records = RawCsvReader.Read(buffer, RawCsvReader.Windows1252, listId, file.Name, columns: null);
        }

        DateOnly? published = null;
        var rows = new List<RawRecord>();
        Dictionary<string, int>? header = null;
        foreach (var r in records)
        {
            if (published is null && header is null)
            {
                if (r.Fields.Length < 2 || r.Fields[0].Trim() != "Last Updated" || ParseDate(r.Fields[1]) is not { } date)
                {
                    throw new ListFormatException(listId, where, r.Line, "the first line is not 'Last Updated,DD/MM/YYYY'; this is not an OFSI consolidated list");
                }

                published = date;
                continue;
            }

            if (header is null)
            {
                header = SpreadsheetRows.Header(r, Required, listId, where, $"OFSI's columns from '{Columns[0]},{Columns[1]}' to '{Columns[^1]}'");
                continue;
            }

            // A CSV row has every column; a sheet's row may end early (empty cells are not written), never run over.
            if ((!zip && r.Fields.Length != header.Count) || r.Fields.Length > header.Count)
            {
                throw new ListFormatException(listId, where, r.Line, $"expected {header.Count} fields but found {r.Fields.Length}; the file may be truncated");
            }

            var groupId = SpreadsheetRows.Cell(r, header, "Group ID") ?? "";
            if (!long.TryParse(groupId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ListFormatException(listId, where, r.Line, $"Group ID '{groupId}' is not a number");
            }

            rows.Add(r);
        }

        if (header is null)
        {
            throw new ListFormatException(listId, where, null, "the file has no header row; it is empty or truncated");
        }

        var entities = rows.GroupBy(r => SpreadsheetRows.Cell(r, header, "Group ID")!, StringComparer.Ordinal).Select(g => Map(listId, file.Name, g.Key, [.. g], header)).ToList();
        return new WatchList
        {
            Id = listId,
            Title = UkOfsiSource.Descriptor.Title,
            PublicationDate = published ?? file.PublicationDate,
            Files = [new ListFile(file.Name, hash, published ?? file.PublicationDate, rows.Count)],
            Entities = entities,
        };
    }

    private static Entity Map(string listId, string fileName, string groupId, List<RawRecord> rows, Dictionary<string, int> header)
    {
        string? F(RawRecord r, string column) => SpreadsheetRows.Cell(r, header, column);
        var primaryRow = rows.Find(r => F(r, "Alias Type") is "Prime Alias" or "Primary name") is { Fields: not null } prime ? prime : rows[0];
        var person = F(primaryRow, "Group Type") == "Individual";

        var names = new List<EntityName>();
        foreach (var row in rows.OrderBy(r => r.Line == primaryRow.Line ? 0 : 1))
        {
            if (ComposeName(F(row, "Name 6"), [F(row, "Name 1"), F(row, "Name 2"), F(row, "Name 3"), F(row, "Name 4"), F(row, "Name 5")]) is not { } name)
            {
                continue;
            }

            var type = names.Count == 0 ? NameType.Primary : F(row, "Alias Type") == "FKA" ? NameType.Fka : NameType.Aka;
            // 2022 layout: OFSI marks some aliases "Low quality", as the UN does.
            var quality = names.Count > 0 && F(row, "Alias Quality") is { } q && q.Contains("low", StringComparison.OrdinalIgnoreCase) ? AliasQuality.Weak : AliasQuality.Strong;
            if (!names.Any(n => string.Equals(n.Value, name, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(new EntityName(name, type, quality, fileName));
            }
        }

        // 2022 layout: the name in its own script (Arabic, Cyrillic, Chinese...), an alias of the primary name.
        foreach (var original in rows.Select(r => F(r, "Name Non-Latin Script")).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (names.Count > 0 && !names.Any(n => string.Equals(n.Value, original, StringComparison.Ordinal)))
            {
                names.Add(new EntityName(original, NameType.Aka, AliasQuality.Strong, fileName));
            }
        }

        if (names.Count == 0)
        {
            throw new ListFormatException(listId, fileName, rows[0].Line, "no row of the group has a name (Name 6 is empty)", groupId);
        }

        IReadOnlyList<string> Distinct(string column) => [.. rows.Select(r => F(r, column)).OfType<string>().Distinct(StringComparer.Ordinal)];

        var documents = new List<IdentityDocument>();
        foreach (var passport in Distinct("Passport Details"))
        {
            documents.AddRange(Numbers(passport).Select(n => new IdentityDocument(DocumentKind.Passport, "Passport", n, null, passport)));
        }

        foreach (var passport in Distinct("Passport Number"))
        {
            documents.AddRange(Numbers(passport).Where(n => !documents.Any(d => d.Number == n)).Select(n => new IdentityDocument(DocumentKind.Passport, "Passport", n, null, passport)));
        }

        foreach (var ni in Distinct("NI Number").Concat(Distinct("National Identification Number")))
        {
            documents.AddRange(Numbers(ni).Select(n => new IdentityDocument(DocumentKind.NationalId, "National Identification Number", n, null, ni)));
        }

        var otherInfo = Distinct("Other Information");
        foreach (Match m in otherInfo.SelectMany(o => Imo().Matches(o)))
        {
            if (!documents.Any(d => d.Kind == DocumentKind.Imo && d.Number == m.Groups[1].Value))
            {
                documents.Add(new IdentityDocument(DocumentKind.Imo, "IMO", m.Groups[1].Value, null, null));
            }
        }

        // Ships and shipping companies both carry IMO numbers: a vessel is an entity with an IMO number whose notes speak
        // of a vessel and whose name has no legal form.
        // The 2022 layout says so itself (Group Type "Ship").
        var vessel = F(primaryRow, "Group Type") == "Ship" || (!person && documents.Any(d => d.Kind == DocumentKind.Imo)
            && otherInfo.Any(o => VesselWords().IsMatch(o)) && !CompanyWords().IsMatch(names[0].Value));
        var kind = person ? EntityKind.Person : vessel ? EntityKind.Vessel : EntityKind.Organization;
        var other = new List<string>(otherInfo);
        other.AddRange(Distinct("Title").Select(t => "Title: " + t));

        return new Entity
        {
            Id = $"{listId}:{groupId}",
            ListId = listId,
            SourceId = groupId,
            Kind = kind,
            Name = names[0].Value,
            Names = names,
            Programs = Distinct("Regime"),
            Title = Distinct("Position") is { Count: > 0 } positions ? string.Join("; ", positions) : null,
            Addresses = [.. rows.Select(r => AddressOf(r, F)).OfType<Address>().Distinct()],
            DatesOfBirth = [.. Distinct("DOB").Select((d, i) => ParseDob(d, i > 0)).OfType<DateOfBirth>()],
            PlacesOfBirth = [.. rows.Select(r => Fields.JoinNonBlank(F(r, "Town of Birth"), F(r, "Country of Birth"))).OfType<string>().Distinct(StringComparer.Ordinal)],
            Nationalities = [.. Distinct("Nationality").SelectMany(SplitNumbered).Distinct(StringComparer.Ordinal)],
            Documents = documents,
            ListedOn = rows.Select(r => ParseDate(F(r, "Listed On"))).OfType<DateOnly>().DefaultIfEmpty().Min() is { } listed && listed != default ? listed : null,
            LastUpdated = rows.Select(r => ParseDate(F(r, "Last Updated"))).OfType<DateOnly>().DefaultIfEmpty().Max() is { } updated && updated != default ? updated : null,
            OtherFacts = other,
            SourceRecords = [.. rows.Select(r => new SourceRecord(fileName, r.Line, SpreadsheetRows.Fields(r, header)))],
        };
    }

    /// <summary>OFSI writes the family name in Name 6 and given names in Name 1 to 5: shown as <c>FAMILY, Given Names</c>.</summary>
    private static string? ComposeName(string? family, string?[] given)
    {
        var first = string.Join(' ', given.OfType<string>());
        return (family, first.Length) switch
        {
            (null, 0) => null,
            (null, _) => first,
            (_, 0) => family,
            _ => $"{family}, {first}",
        };
    }

    private static Address? AddressOf(RawRecord r, Func<RawRecord, string, string?> f)
    {
        var street = Fields.JoinNonBlank(f(r, "Address 1"), f(r, "Address 2"), f(r, "Address 3"));
        var city = Fields.JoinNonBlank(f(r, "Address 4"), f(r, "Address 5"), f(r, "Address 6"), f(r, "Post/Zip Code"));
        var country = f(r, "Country");
        return street is null && city is null && country is null ? null : new Address(street, city, country, null);
    }

    /// <summary>OFSI dates are <c>DD/MM/YYYY</c>, with <c>00</c> for an unknown day or month.</summary>
    private static DateOfBirth? ParseDob(string text, bool alternative)
    {
        var parts = text.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1800)
        {
            return null;
        }

        int? month = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 ? m : null;
        int? day = month is not null && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 1 && d <= DateTime.DaysInMonth(year, month.Value) ? d : null;
        var date = new PartialDate(year, month, day);
        return new DateOfBirth(date, date, false, alternative, text);
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The identifier-like tokens of a free-text field: at least five characters, at least one digit.</summary>
    internal static IEnumerable<string> Numbers(string text) =>
        DocumentNumber().Matches(text).Select(m => m.Value.Trim('-', '.')).Where(v => v.Count(char.IsAsciiDigit) >= 4 && v.Length >= 5).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> SplitNumbered(string text) =>
        Numbered().Split(text).Select(p => p.Trim().TrimEnd('.', ',').Trim()).Where(p => p.Length > 0);

    [GeneratedRegex(@"\b[A-Z]{0,3}-?\d[0-9A-Z/-]{3,}\b")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"\(?\b\d\)\s*")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"\b(vessel|tanker|ship|MMSI|flag)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VesselWords();

    [GeneratedRegex(@"\b(co|company|corp|corporation|ltd|limited|llc|inc|shipping|trading|group|holdings?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CompanyWords();

    [GeneratedRegex(@"IMO(?: number)?\)?:?\s*(\d{7})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Imo();
}

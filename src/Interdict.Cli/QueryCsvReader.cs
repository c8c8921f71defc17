using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Interdict.Core.Matching;
using Interdict.Core.Model;

namespace Interdict.Cli;

/// <summary>One row of a query file: a query to screen, or the reason it cannot be.</summary>
internal sealed record QueryRow(long Line, string Id, ScreeningQuery? Query, IReadOnlyList<string> Warnings, string? Error);

/// <summary>
/// Reads a query file: UTF-8 CSV with a header; <c>id,name</c> required, <c>type,dob,country,identifier</c> optional.
/// What cannot be understood in a row (a bad date, an unknown type) is ignored with a warning; a row is rejected only
/// when it has no usable name.
/// </summary>
internal static class QueryCsvReader
{
    private static readonly string[] Known = ["id", "name", "type", "dob", "country", "identifier"];

    public static IEnumerable<QueryRow> Read(TextReader text, string fileName, List<string> headerWarnings)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = false,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 })
        {
            throw new DataFileException($"{fileName}, line 1: the file is empty; expected a header with at least id,name");
        }

        var header = csv.HeaderRecord.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        foreach (var required in (string[])["id", "name"])
        {
            if (Array.IndexOf(header, required) < 0)
            {
                throw new DataFileException($"{fileName}, line 1: the header has no '{required}' column (found: {string.Join(",", header)}); required: id,name; optional: type,dob,country,identifier");
            }
        }

        foreach (var unknown in header.Where(h => !Known.Contains(h)))
        {
            headerWarnings.Add($"{fileName}, line 1: column '{unknown}' is not used (known columns: {string.Join(",", Known)})");
        }

        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string? Get(string column)
            {
                var i = Array.IndexOf(header, column);
                var v = i >= 0 && i < csv.Parser.Count ? csv.GetField(i) : null;
                return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
            }

            var id = Get("id") ?? "";
            var name = Get("name");
            if (name is null)
            {
                yield return new QueryRow(line, id, null, [], $"{fileName}, line {line}: the name is empty; row skipped");
                continue;
            }

            var warnings = new List<string>();
            if (id.Length == 0)
            {
                warnings.Add($"{fileName}, line {line}: the id is empty");
            }

            var kind = EntityKind.Unknown;
            if (Get("type") is { } type && !EntityKinds.TryParse(type, out kind))
            {
                warnings.Add($"{fileName}, line {line}: type '{type}' is not person, organization, vessel or aircraft; ignored");
            }

            PartialDate? dob = null;
            if (Get("dob") is { } dobText)
            {
                if (PartialDate.TryParseFlexible(dobText, out var d))
                {
                    dob = d;
                }
                else
                {
                    warnings.Add($"{fileName}, line {line}: dob '{dobText}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); ignored");
                }
            }

            var query = new ScreeningQuery
            {
                Name = name,
                Kind = kind,
                DateOfBirth = dob,
                Country = Get("country"),
                Identifier = Get("identifier"),
            };
            yield return new QueryRow(line, id, query, warnings, null);
        }
    }
}

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
/// when it has no usable name. A row that cannot be read as one row (a quote left open, which would merge the rows after
/// it, or more fields than the header, which would cut a name at an unquoted comma) is an error naming its line: the
/// file is refused, never screened in part. Bytes that are not UTF-8 are read as U+FFFD with a warning naming the line.
/// </summary>
internal static class QueryCsvReader
{
    private static readonly string[] Known = ["id", "name", "type", "dob", "country", "identifier"];

    public static IEnumerable<QueryRow> Read(TextReader text, string fileName, List<string> headerWarnings)
    {
        // The last line of the last record read: a bad record starts on the line after it.
        long lastLine = 1;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = bad => throw new DataFileException(
                $"{fileName}, line {lastLine + 1}: malformed CSV (a quote inside an unquoted field, or a quote never closed): {Excerpt(bad.RawRecord)}; quote a field that holds quotes or commas, doubling its quotes"),
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
            var first = line - CountLineBreaks(csv.Parser.RawRecord);
            if (csv.Parser.Count > header.Length)
            {
                throw new DataFileException(
                    $"{fileName}, line {first}: {csv.Parser.Count} fields where the header has {header.Length}: a name with a comma must be quoted (\"Smith, John\"); {Excerpt(csv.Parser.RawRecord)}");
            }

            for (var f = 0; f < csv.Parser.Count; f++)
            {
                if (csv.GetField(f) is { } field && field.AsSpan().ContainsAny('\n', '\r'))
                {
                    throw new DataFileException(
                        $"{fileName}, line {first}: a quoted field runs over {CountLineBreaks(field) + 1} lines (to line {line}): a quote is not closed, which would merge rows; {Excerpt(csv.Parser.RawRecord)}");
                }
            }

            lastLine = line;
            line = first;
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

            // The one query policy every door uses; its messages gain the file and line here.
            var built = QueryPolicy.Build(new QueryInput(name, Get("type"), Get("dob"), Get("country"), Get("identifier")));
            if (built.Error is { } error)
            {
                yield return new QueryRow(line, id, null, [], $"{fileName}, line {line}: {error}; row skipped");
                continue;
            }

            var warnings = new List<string>();
            if (csv.Parser.RawRecord.Contains('\uFFFD', StringComparison.Ordinal))
            {
                warnings.Add($"{fileName}, line {line}: bytes that are not valid UTF-8 were read as U+FFFD (\uFFFD); is the file in another encoding?");
            }

            if (id.Length == 0)
            {
                warnings.Add($"{fileName}, line {line}: the id is empty");
            }

            warnings.AddRange(built.Warnings.Select(w => $"{fileName}, line {line}: {w}"));
            var query = built.Query!;
            yield return new QueryRow(line, id, query, warnings, null);
        }
    }

    private static int CountLineBreaks(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                n++;
            }
        }

        // The record's own line break, when it ends with one, is not inside a field.
        return text.EndsWith('\n') || text.EndsWith('\r') ? n - 1 : n;
    }

    private static string Excerpt(string raw)
    {
        var flat = raw.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 80 ? $"'{flat}'" : $"'{flat[..77]}...'";
    }
}

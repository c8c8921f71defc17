using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Csv;

namespace Interdict.Lists.Custom;

/// <summary>
/// Reads a custom watchlist: UTF-8 CSV with a header; <c>id</c> and <c>name</c> required; <c>type</c>,
/// <c>aliases</c> (separated by <c>;</c>), <c>dob</c> and <c>country</c> optional. Entity ids are
/// <c>&lt;list id&gt;:&lt;id&gt;</c>, the list id being the file name without extension.
/// </summary>
public static class CustomListReader
{
    /// <summary>The list id for a file: its name without extension.</summary>
    public static string ListIdFor(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>
    /// Reads the whole list. Any bad row (missing id or name, unknown type, bad date, duplicate id) fails the load with a
    /// <see cref="ListFormatException"/> naming the file and line: a watchlist that silently lost a party would be worse.
    /// </summary>
    public static WatchList Read(Stream stream, string fileName, string listId)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var hashing = new HashingStream(stream);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            // Broken quoting is an error naming the line, never read around: a quote left open would merge the rows after
            // it into one field, and the parties on them would silently not be screened for (issue #19).
            BadDataFound = bad => throw new ListFormatException(listId, fileName, bad.Context.Parser?.RawRow,
                $"malformed CSV (a quote inside an unquoted field, or a quote never closed): {RawCsvReader.Excerpt(bad.Field)}"),
            MissingFieldFound = null,
        };
        using var text = new StreamReader(hashing, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new ListFormatException(listId, fileName, 1, "the file is empty; expected a header with at least id,name");
        }

        var header = csv.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var required in (string[])["id", "name"])
        {
            if (!header.Contains(required))
            {
                throw new ListFormatException(listId, fileName, 1, $"the header has no '{required}' column (found: {string.Join(",", header)}); required: id,name");
            }
        }

        var entities = new List<Entity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string? Get(string column) => header.Contains(column) ? NullIfBlank(csv.GetField(column)) : null;

            var id = Get("id") ?? throw new ListFormatException(listId, fileName, line, "the id field is empty");
            var name = Get("name") ?? throw new ListFormatException(listId, fileName, line, "the name field is empty", id);
            if (!ids.Add(id))
            {
                throw new ListFormatException(listId, fileName, line, $"id '{id}' appears twice", id);
            }

            var kind = EntityKind.Unknown;
            if (Get("type") is { } type && !EntityKinds.TryParse(type, out kind))
            {
                throw new ListFormatException(listId, fileName, line, $"type '{type}' is not one of person, organization, vessel, aircraft", id);
            }

            var dobs = new List<DateOfBirth>();
            if (Get("dob") is { } dob)
            {
                if (!PartialDate.TryParse(dob, out var date))
                {
                    throw new ListFormatException(listId, fileName, line, $"dob '{dob}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", id);
                }

                dobs.Add(new DateOfBirth(date, date, false, false, dob));
            }

            var names = new List<EntityName> { new(name, NameType.Primary, AliasQuality.Strong, fileName) };
            foreach (var alias in (Get("aliases") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                names.Add(new EntityName(alias, NameType.Aka, AliasQuality.Unknown, fileName));
            }

            var country = Get("country");
            entities.Add(new Entity
            {
                Id = $"{listId}:{id}",
                ListId = listId,
                SourceId = id,
                Kind = kind,
                Name = name,
                Names = names,
                DatesOfBirth = dobs,
                Nationalities = country is null ? [] : [country],
                SourceRecords = [new SourceRecord(fileName, line, [.. header.Select((h, i) => new KeyValuePair<string, string>(h, csv.GetField(i) ?? ""))])],
            });
        }

        return new WatchList
        {
            Id = listId,
            Title = $"Custom watchlist {fileName}",
            Files = [new ListFile(fileName, hashing.Finish(), null, entities.Count)],
            Entities = entities,
        };
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

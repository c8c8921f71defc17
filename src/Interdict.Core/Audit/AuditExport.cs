using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interdict.Core.Matching;

namespace Interdict.Core.Audit;

/// <summary>
/// Writes audit records for people and other systems: JSON lines (request, lists and result as nested JSON) or CSV (one
/// row per record, JSON columns as text). Every field the hash covers is written, so an export can be re-verified.
/// </summary>
public static class AuditExport
{
    /// <summary>The CSV header.</summary>
    public static readonly string[] Columns = ["seq", "at", "principal", "action", "client", "algorithm", "lists", "request", "result", "prev_hash", "hash"];

    /// <summary>Writes one JSON object per line.</summary>
    public static long WriteJsonLines(IEnumerable<AuditRecord> records, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        long n = 0;
        foreach (var r in records)
        {
            var e = r.Entry;
            var line = new JsonObject
            {
                ["seq"] = r.Seq,
                ["at"] = e.AtText,
                ["principal"] = e.Principal,
                ["action"] = e.Action,
                ["client"] = e.Client,
                ["algorithm"] = e.Algorithm,
                ["lists"] = Parse(e.Lists),
                ["request"] = Parse(e.Request),
                ["result"] = Parse(e.Result),
                ["prev_hash"] = r.PreviousHash,
                ["hash"] = r.Hash,
            };
            output.Write(line.ToJsonString(ScreeningJson.Compact));
            output.Write('\n');
            n++;
        }

        return n;
    }

    /// <summary>Writes RFC 4180 CSV, with a header row unless <paramref name="header"/> is false (for a continuation).</summary>
    public static long WriteCsv(IEnumerable<AuditRecord> records, TextWriter output, bool header = true)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        if (header)
        {
            output.Write(string.Join(',', Columns));
            output.Write("\r\n");
        }

        long n = 0;
        foreach (var r in records)
        {
            var e = r.Entry;
            string[] fields = [r.Seq.ToString(CultureInfo.InvariantCulture), e.AtText, e.Principal, e.Action, e.Client ?? "", e.Algorithm, e.Lists, e.Request, e.Result, r.PreviousHash, r.Hash];
            output.Write(string.Join(',', fields.Select(Quote)));
            output.Write("\r\n");
            n++;
        }

        return n;
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // A record written by hand (or edited) may hold anything; export it as text rather than fail.
            return JsonValue.Create(json);
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

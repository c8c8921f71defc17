using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Interdict.Core;

namespace Interdict.Lists.Csv;

/// <summary>One CSV record with its 1-based line number.</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="Fields">The fields, as read.</param>
internal readonly record struct RawRecord(long Line, string[] Fields);

/// <summary>
/// Reads headerless CSV with a fixed column count (OFAC's legacy files), reporting any malformed record with its file and line.
/// </summary>
internal static class RawCsvReader
{
    /// <summary>Windows-1252, the encoding OFAC's CSV files use.</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 encoding is not available.");

    /// <summary>
    /// Reads every record. A trailing DOS end-of-file byte (0x1A) is ignored. Throws <see cref="ListFormatException"/>
    /// naming <paramref name="fileName"/> and the line for a record with the wrong number of fields (when
    /// <paramref name="columns"/> is given) or broken quoting.
    /// </summary>
    public static IEnumerable<RawRecord> Read(Stream stream, Encoding encoding, string listId, string fileName, int? columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            // Broken quoting is an error, never read around: a quote left open at the end is a file cut off mid-record
            // (issue #19: such a file imported 8,286 of 14,965 entities, the last one's text cut off).
            BadDataFound = bad => throw new ListFormatException(listId, fileName, bad.Context.Parser?.RawRow,
                bad.Field.StartsWith('"') && !bad.Field.EndsWith('"')
                    ? $"a quoted field is left open at the end of the file (the file is cut off): {Excerpt(bad.Field)}"
                    : $"broken quoting (a quote inside an unquoted field, or text after a closing quote): {Excerpt(bad.Field)}"),
            Mode = CsvMode.RFC4180,
        };
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var parser = new CsvParser(text, config);
        while (true)
        {
            bool more;
            long startLine = parser.RawRow + 1;
            try
            {
                more = parser.Read();
            }
            catch (CsvHelperException ex)
            {
                throw new ListFormatException(listId, fileName, startLine, "the record could not be parsed as CSV (unbalanced quotes or a truncated file)", innerException: ex);
            }

            if (!more)
            {
                yield break;
            }

            var record = parser.Record ?? [];
            if (record.Length == 1 && record[0].Trim('\x1a', ' ', '\r', '\n').Length == 0)
            {
                continue; // The 0x1A end-of-file marker, or a blank line.
            }

            if (columns is not null && record.Length != columns)
            {
                throw new ListFormatException(listId, fileName, startLine,
                    $"expected {columns} fields but found {record.Length}; the file may be truncated or not an {listId} file",
                    recordId: record.Length > 0 ? record[0] : null);
            }

            yield return new RawRecord(startLine, record);
        }
    }

    /// <summary>A field as quoted in an error message: on one line, cut at 60 characters.</summary>
    internal static string Excerpt(string field)
    {
        var flat = field.ReplaceLineEndings(" ");
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }
}

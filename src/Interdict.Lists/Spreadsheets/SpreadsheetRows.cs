using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Interdict.Core;
using Interdict.Lists.Csv;

namespace Interdict.Lists.Spreadsheets;

/// <summary>
/// The rows of the first sheet of a spreadsheet file, as records like a CSV reader's: the fields by column (cells
/// addressed by their references, so empty cells stay in place) and the sheet's row number as the line. Reads Office
/// Open XML workbooks (.xlsx, with the Open XML SDK) and OpenDocument spreadsheets (.ods, content.xml read as a stream).
/// </summary>
internal static class SpreadsheetRows
{
    // The most columns a sheet has (Excel and LibreOffice: 16,384).
    private const int MaxColumns = 16_384;

    /// <summary>Whether the bytes start like a ZIP archive (an .xlsx, an .ods or a zipped list file).</summary>
    public static bool IsZip(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\u0003\u0004"u8);

    /// <summary>A list file read whole (readers of archives seek), with its SHA-256 and whether it is a ZIP archive.</summary>
    public static (MemoryStream Buffer, string Hash, bool Zip) Buffered(Stream stream)
    {
        var hashing = new HashingStream(stream);
        var buffer = new MemoryStream();
        hashing.CopyTo(buffer);
        var hash = hashing.Finish();
        buffer.Position = 0;
        return (buffer, hash, IsZip(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>
    /// The columns of a header row by name (trimmed; the first of a repeated name), or a <see cref="ListFormatException"/>
    /// naming the columns of <paramref name="required"/> it lacks.
    /// </summary>
    public static Dictionary<string, int> Header(RawRecord row, IReadOnlyList<string> required, string listId, string where, string expected)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < row.Fields.Length; i++)
        {
            header.TryAdd(row.Fields[i].Trim(), i);
        }

        if (required.Where(c => !header.ContainsKey(c)).ToList() is { Count: > 0 } missing)
        {
            throw new ListFormatException(listId, where, row.Line, $"unexpected header: no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; expected {expected}");
        }

        return header;
    }

    /// <summary>A cell of a row by its column's header, trimmed; null when blank or when the layout has no such column.</summary>
    public static string? Cell(RawRecord row, Dictionary<string, int> header, string column) =>
        header.TryGetValue(column, out var i) && i < row.Fields.Length && row.Fields[i].Trim() is { Length: > 0 } value ? value : null;

    /// <summary>A row as the publisher wrote it, by column name, for the audit record.</summary>
    public static KeyValuePair<string, string>[] Fields(RawRecord row, Dictionary<string, int> header) =>
        [.. header.OrderBy(h => h.Value).Select(h => new KeyValuePair<string, string>(h.Key, h.Value < row.Fields.Length ? row.Fields[h.Value].Trim() : ""))];

    /// <summary>
    /// Every row of the first sheet of an .xlsx workbook, with the sheet's name for messages. A file that is not a
    /// readable workbook raises <see cref="ListFormatException"/> naming it.
    /// </summary>
    public static (string Sheet, List<RawRecord> Rows) ReadXlsx(Stream stream, string listId, string fileName)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new ListFormatException(listId, fileName, null, "the workbook has no workbook part; this is not an .xlsx file");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new ListFormatException(listId, fileName, null, "the workbook has no sheet");
            var part = sheet.Id?.Value is { } id ? workbook.GetPartById(id) as WorksheetPart : null;
            if (part is null)
            {
                throw new ListFormatException(listId, fileName, null, $"sheet '{sheet.Name}' has no worksheet part");
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var rows = new List<RawRecord>();
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                var number = row.RowIndex?.Value is { } r ? (long)r : rows.Count + 1;
                var fields = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : fields.Count;
                    if (column < 0)
                    {
                        throw new ListFormatException(listId, $"{fileName}, sheet '{sheet.Name}'", number, $"cell reference '{cell.CellReference}' is not a column letter and a row number");
                    }

                    while (fields.Count <= column)
                    {
                        fields.Add("");
                    }

                    fields[column] = ValueOf(cell, strings, listId, $"{fileName}, sheet '{sheet.Name}'", number);
                }

                rows.Add(new RawRecord(number, [.. fields]));
            }

            return (sheet.Name?.Value ?? "1", rows);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or InvalidOperationException)
        {
            throw new ListFormatException(listId, fileName, null, $"not a readable .xlsx workbook ({e.Message})", innerException: e);
        }
    }

    /// <summary>
    /// Every row of the first table of an OpenDocument spreadsheet (.ods): repeated cells and rows expanded (trailing
    /// empty ones dropped), text of a cell's paragraphs joined by new lines.
    /// </summary>
    public static (string Sheet, List<RawRecord> Rows) ReadOds(Stream stream, string listId, string fileName)
    {
        const string table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
        const string text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var content = zip.GetEntry("content.xml") ?? throw new ListFormatException(listId, fileName, null, "the archive has no content.xml; this is not an .ods spreadsheet");
            using var xml = XmlReader.Create(content.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false });
            string? sheet = null;
            var rows = new List<RawRecord>();
            long number = 0;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "table" && xml.NamespaceURI == table)
                {
                    break; // the first table only
                }

                if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != table)
                {
                    continue;
                }

                if (xml.LocalName == "table")
                {
                    sheet ??= xml.GetAttribute("name", table);
                    continue;
                }

                if (xml.LocalName != "table-row")
                {
                    continue;
                }

                var rowRepeat = Repeat(xml, "number-rows-repeated", table);
                var fields = new List<string>();
                var pendingEmpty = 0;
                if (!xml.IsEmptyElement)
                {
                    var depth = xml.Depth;
                    while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
                    {
                        if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == table && xml.LocalName is "table-cell" or "covered-table-cell")
                        {
                            var repeat = Repeat(xml, "number-columns-repeated", table);
                            var value = CellText(xml, text);
                            if (value.Length == 0)
                            {
                                // Empty cells count only once a value follows them: a run repeated to the sheet's last
                                // column (16,000 in the FCDO's export) is padding, not data.
                                pendingEmpty += repeat;
                                continue;
                            }

                            if ((long)fields.Count + pendingEmpty + repeat > MaxColumns)
                            {
                                throw new ListFormatException(listId, $"{fileName}, sheet '{sheet}'", number + 1, $"the row has values beyond column {MaxColumns:N0}, the most a sheet has");
                            }

                            fields.AddRange(Enumerable.Repeat("", pendingEmpty));
                            pendingEmpty = 0;
                            fields.AddRange(Enumerable.Repeat(value, repeat));
                        }
                    }
                }

                while (fields.Count > 0 && fields[^1].Length == 0)
                {
                    fields.RemoveAt(fields.Count - 1);
                }

                for (var k = 0; k < rowRepeat && (fields.Count > 0 || k == 0); k++)
                {
                    number++;
                    if (fields.Count > 0)
                    {
                        rows.Add(new RawRecord(number, [.. fields]));
                    }
                }

                if (fields.Count == 0)
                {
                    number += rowRepeat - 1;
                }
            }

            return (sheet ?? "1", rows);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            throw new ListFormatException(listId, fileName, null, $"not a readable .ods spreadsheet ({e.Message})", innerException: e);
        }
    }

    // The text of the cell the reader is on (its value attribute for dates and numbers when there is no text), leaving
    // the reader on the cell's end.
    private static string CellText(XmlReader xml, string textNs)
    {
        var office = xml.GetAttribute("date-value", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
            ?? xml.GetAttribute("value", "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
        if (xml.IsEmptyElement)
        {
            return office ?? "";
        }

        var depth = xml.Depth;
        var paragraphs = new List<string>();
        var current = new System.Text.StringBuilder();
        var inParagraph = false;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NamespaceURI == textNs && xml.LocalName == "p")
            {
                if (xml.NodeType == XmlNodeType.Element)
                {
                    inParagraph = true;
                    current.Clear();
                    if (xml.IsEmptyElement)
                    {
                        paragraphs.Add("");
                        inParagraph = false;
                    }
                }
                else if (xml.NodeType == XmlNodeType.EndElement)
                {
                    paragraphs.Add(current.ToString());
                    inParagraph = false;
                }
            }
            else if (inParagraph && xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                current.Append(xml.Value);
            }
            else if (inParagraph && xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == textNs && xml.LocalName == "s")
            {
                current.Append(' ', int.TryParse(xml.GetAttribute("c", textNs), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 1);
            }
            else if (inParagraph && xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == textNs && xml.LocalName == "tab")
            {
                current.Append('\t');
            }
        }

        return paragraphs.Count > 0 ? string.Join('\n', paragraphs) : office ?? "";
    }

    private static int Repeat(XmlReader xml, string attribute, string ns) =>
        int.TryParse(xml.GetAttribute(attribute, ns), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    // The value of an .xlsx cell as text: shared and inline strings, numbers as written (a date stays a serial number).
    private static string ValueOf(Cell cell, string[] strings, string listId, string where, long row)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length
                ? strings[i]
                : throw new ListFormatException(listId, where, row, $"cell {cell.CellReference} points to shared string {raw}, which the workbook does not have; the file may be damaged");
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        return raw;
    }

    /// <summary>The 0-based column of a cell reference such as <c>AB12</c>, or -1.</summary>
    internal static int ColumnOf(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
            if (column > MaxColumns)
            {
                return -1;
            }
        }

        return i == 0 || i == reference.Length || !reference.AsSpan(i).ContainsOnlyDigits() ? -1 : column - 1;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');
}

using Interdict.Core;
using Interdict.Lists.Csv;

namespace Interdict.Lists.Ofac;

/// <summary>A row of <c>sdn.csv</c>.</summary>
internal sealed record SdnRow(long Line, string EntNum, string Name, string? Type, string? Programs, string? Title,
    string? CallSign, string? VesselType, string? Tonnage, string? Grt, string? VesselFlag, string? VesselOwner, string? Remarks);

/// <summary>A row of <c>alt.csv</c>.</summary>
internal sealed record AltRow(long Line, string EntNum, string AltNum, string? AltType, string Name, string? Remarks);

/// <summary>A row of <c>add.csv</c>.</summary>
internal sealed record AddRow(long Line, string EntNum, string AddNum, string? Address, string? City, string? Country, string? Remarks);

/// <summary>A row of <c>sdn_comments.csv</c>: the continuation of a remarks field that did not fit in <c>sdn.csv</c>.</summary>
internal sealed record CommentRow(long Line, string EntNum, string Text);

/// <summary>Reads OFAC's legacy CSV files (Windows-1252, no header, <c>-0-</c> = empty) from streams.</summary>
internal static class OfacSdnReader
{
    public static readonly string[] SdnColumns = ["ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"];
    public static readonly string[] AltColumns = ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];
    public static readonly string[] AddColumns = ["ent_num", "add_num", "address", "city_state_province_postal_code", "country", "add_remarks"];
    public static readonly string[] CommentColumns = ["ent_num", "remarks_extended"];

    public static IEnumerable<SdnRow> ReadSdn(Stream stream, string listId, string fileName)
    {
        foreach (var r in RawCsvReader.Read(stream, RawCsvReader.Windows1252, listId, fileName, SdnColumns.Length))
        {
            var f = r.Fields;
            var entNum = RequireId(f[0], listId, fileName, r.Line);
            var name = Value(f[1]) ?? throw new ListFormatException(listId, fileName, r.Line, "the SDN_Name field is empty", entNum);
            yield return new SdnRow(r.Line, entNum, name, Value(f[2]), Value(f[3]), Value(f[4]), Value(f[5]), Value(f[6]), Value(f[7]), Value(f[8]), Value(f[9]), Value(f[10]), Value(f[11]));
        }
    }

    public static IEnumerable<AltRow> ReadAlt(Stream stream, string listId, string fileName)
    {
        foreach (var r in RawCsvReader.Read(stream, RawCsvReader.Windows1252, listId, fileName, AltColumns.Length))
        {
            var f = r.Fields;
            var entNum = RequireId(f[0], listId, fileName, r.Line);
            var name = Value(f[3]) ?? throw new ListFormatException(listId, fileName, r.Line, "the alt_name field is empty", entNum);
            yield return new AltRow(r.Line, entNum, f[1].Trim(), Value(f[2]), name, Value(f[4]));
        }
    }

    public static IEnumerable<AddRow> ReadAdd(Stream stream, string listId, string fileName)
    {
        foreach (var r in RawCsvReader.Read(stream, RawCsvReader.Windows1252, listId, fileName, AddColumns.Length))
        {
            var f = r.Fields;
            yield return new AddRow(r.Line, RequireId(f[0], listId, fileName, r.Line), f[1].Trim(), Value(f[2]), Value(f[3]), Value(f[4]), Value(f[5]));
        }
    }

    public static IEnumerable<CommentRow> ReadComments(Stream stream, string listId, string fileName)
    {
        foreach (var r in RawCsvReader.Read(stream, RawCsvReader.Windows1252, listId, fileName, CommentColumns.Length))
        {
            // The continuation text is taken as is: it may begin or end in the middle of a word.
            yield return new CommentRow(r.Line, RequireId(r.Fields[0], listId, fileName, r.Line), r.Fields[1] == "-0- " ? "" : r.Fields[1]);
        }
    }

    /// <summary>OFAC writes <c>-0-</c> (often with a trailing space) for an empty field.</summary>
    internal static string? Value(string field)
    {
        var t = field.Trim();
        return t.Length == 0 || t == "-0-" ? null : t;
    }

    private static string RequireId(string field, string listId, string fileName, long line)
    {
        var t = field.Trim();
        if (t.Length == 0 || !t.All(char.IsAsciiDigit))
        {
            throw new ListFormatException(listId, fileName, line, $"ent_num '{t}' is not a number; this does not look like an OFAC CSV file");
        }

        return t;
    }
}

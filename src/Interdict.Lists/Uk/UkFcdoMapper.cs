using System.Globalization;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Csv;
using Interdict.Lists.Ofac;
using Interdict.Lists.Spreadsheets;

namespace Interdict.Lists.Uk;

/// <summary>
/// Reads the FCDO UK Sanctions List summary export: one entity per designation (<c>uk-fcdo:&lt;Unique ID&gt;</c>), its
/// primary name, regime, type (Individual, Entity, Ship) and date designated. The OFSI group id is kept as a fact
/// (<c>OFSI Group ID 12703</c>), through which its records link to <c>uk-ofsi</c>'s, and a designation made by the UN
/// says so (<c>Designation source: UN</c>).
/// </summary>
public static class UkFcdoMapper
{
    private static readonly string[] Required = ["Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Designation source", "Date Designated"];

    /// <summary>
    /// Reads a whole file. The export carries no publication date of its own: <see cref="SourceFile.PublicationDate"/>
    /// (the date in the FCDO's file name, given with <c>--published</c>), else the latest date designated in it.
    /// </summary>
    public static WatchList Read(SourceFile file, string listId = UkFcdoSource.Id)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (buffer, hash, zip) = SpreadsheetRows.Buffered(file.Stream);
        if (!zip)
        {
            throw new ListFormatException(listId, file.Name, null, "not an OpenDocument spreadsheet (.ods); the FCDO summary export is one");
        }

        var (sheet, rows) = SpreadsheetRows.ReadOds(buffer, listId, file.Name);
        var where = $"{file.Name}, sheet '{sheet}'";
        if (rows.Count == 0)
        {
            throw new ListFormatException(listId, where, null, "the sheet is empty");
        }

        var header = SpreadsheetRows.Header(rows[0], Required, listId, where, $"the FCDO summary columns {string.Join(", ", Required)}");

        string? F(RawRecord r, string column) => SpreadsheetRows.Cell(r, header, column);
        var entities = new List<Entity>();
        var unnamed = new List<string>();
        DateOnly? latest = null;
        foreach (var r in rows.Skip(1))
        {
            var id = F(r, "Unique ID") ?? throw new ListFormatException(listId, where, r.Line, "the row has no Unique ID");
            if (F(r, "Name") is not { } name)
            {
                // As published (AFG0043 of 2025-11-19): kept out of name screening, said in the notices, and the OFSI
                // group it cites is screened through uk-ofsi.
                unnamed.Add($"{id} (line {r.Line}{(F(r, "OFSI Group ID") is { } g ? $", OFSI group {g}" : "")})");
                continue;
            }

            var kind = F(r, "Type") switch
            {
                "Individual" => EntityKind.Person,
                "Entity" => EntityKind.Organization,
                "Ship" => EntityKind.Vessel,
                var other => throw new ListFormatException(listId, where, r.Line, $"Type '{other}' is not Individual, Entity or Ship", id),
            };
            DateOnly? designated = null;
            if (F(r, "Date Designated") is { } text)
            {
                designated = DateOnly.TryParseExact(text, ["dd-MM-yyyy", "dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw new ListFormatException(listId, where, r.Line, $"Date Designated '{text}' is not a date (DD-MM-YYYY)", id);
                latest = latest is { } l && l >= d ? l : d;
            }

            var facts = new List<string> { UkFcdoSource.NamesOnly };
            if (F(r, "OFSI Group ID") is { } group)
            {
                facts.Add(Entity.OfsiGroupMark + group);
            }

            if (F(r, "Designation source") is { } source)
            {
                facts.Add("Designation source: " + source);
            }

            if (F(r, "Sanctions Imposed") is { } imposed)
            {
                facts.Add("Sanctions imposed: " + imposed);
            }

            entities.Add(new Entity
            {
                Id = $"{listId}:{id}",
                ListId = listId,
                SourceId = id,
                Kind = kind,
                Name = name,
                Names = [new EntityName(name, NameType.Primary, AliasQuality.Strong, file.Name)],
                Programs = F(r, "Regime Name") is { } regime ? [regime] : [],
                ListedOn = designated,
                OtherFacts = facts,
                SourceRecords = [new SourceRecord(file.Name, r.Line, SpreadsheetRows.Fields(r, header))],
            });
        }

        var published = file.PublicationDate ?? latest;
        return new WatchList
        {
            Id = listId,
            Title = UkFcdoSource.Descriptor.Title,
            PublicationDate = published,
            Files = [new ListFile(file.Name, hash, published, rows.Count - 1)],
            Entities = entities,
            Notices = unnamed.Count == 0 ? [] : [$"{unnamed.Count} designation(s) in {file.Name} published without a name, not screened by name: {string.Join(", ", unnamed)}"],
        };
    }
}

using Interdict.Core;
using Interdict.Core.Model;

namespace Interdict.Lists.Ofac;

/// <summary>The streams of one OFAC CSV publication. Only <see cref="Sdn"/> is required.</summary>
public sealed record OfacCsvFiles
{
    /// <summary><c>sdn.csv</c>: one row per listed party.</summary>
    public required SourceFile Sdn { get; init; }

    /// <summary><c>alt.csv</c>: aliases.</summary>
    public SourceFile? Alt { get; init; }

    /// <summary><c>add.csv</c>: addresses.</summary>
    public SourceFile? Add { get; init; }

    /// <summary><c>sdn_comments.csv</c>: remarks that did not fit in <c>sdn.csv</c>.</summary>
    public SourceFile? Comments { get; init; }
}

/// <summary>A stream with the name to report in errors and provenance, and the file's publication date when known.</summary>
/// <param name="Name">File name as the user knows it.</param>
/// <param name="Stream">The content (uncompressed).</param>
/// <param name="PublicationDate">Publication date of the file, when known.</param>
public sealed record SourceFile(string Name, Stream Stream, DateOnly? PublicationDate = null);

/// <summary>Maps OFAC's legacy CSV rows to the unified entity model.</summary>
public static class OfacSdnMapper
{
    /// <summary>OFAC's sdn.csv remarks column holds at most this many characters; longer remarks continue in sdn_comments.csv.</summary>
    internal const int RemarksFieldWidth = 1000;

    /// <summary>
    /// Reads an OFAC CSV publication into a list. Alias, address and comment rows whose ent_num is not in sdn.csv are
    /// skipped and counted in <see cref="WatchList.Notices"/>, never an error. Malformed files raise
    /// <see cref="Interdict.Core.ListFormatException"/> naming the file and line.
    /// </summary>
    public static WatchList Read(OfacCsvFiles files, string listId = OfacSdnSource.Id, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var notices = new List<string>();
        var fileInfos = new List<ListFile>();

        var sdnHash = new HashingStream(files.Sdn.Stream);
        var sdnRows = OfacSdnReader.ReadSdn(sdnHash, listId, files.Sdn.Name).ToList();
        fileInfos.Add(new ListFile(files.Sdn.Name, sdnHash.Finish(), files.Sdn.PublicationDate, sdnRows.Count));
        var known = new Dictionary<string, long>(sdnRows.Count, StringComparer.Ordinal);
        foreach (var row in sdnRows)
        {
            // One record per ent_num: a repeated one is a broken or concatenated file, refused before anything is joined to it.
            if (!known.TryAdd(row.EntNum, row.Line))
            {
                throw new ListFormatException(listId, files.Sdn.Name, row.Line, $"ent_num {row.EntNum} is repeated (first on line {known[row.EntNum]}); each record must appear once", row.EntNum);
            }
        }

        var alts = ReadChild(files.Alt, s => OfacSdnReader.ReadAlt(s, listId, files.Alt!.Name), r => r.EntNum, known, "alias", notices, fileInfos);
        var adds = ReadChild(files.Add, s => OfacSdnReader.ReadAdd(s, listId, files.Add!.Name), r => r.EntNum, known, "address", notices, fileInfos);
        var comments = ReadChild(files.Comments, s => OfacSdnReader.ReadComments(s, listId, files.Comments!.Name), r => r.EntNum, known, "comment", notices, fileInfos);

        var entities = new List<Entity>(sdnRows.Count);
        var staleComments = 0;
        foreach (var row in sdnRows)
        {
            var remarks = row.Remarks;
            var rowComments = comments.GetValueOrDefault(row.EntNum) ?? [];
            if (rowComments.Count > 0)
            {
                // A continuation belongs only to a remarks field that was cut at the column width; otherwise the
                // comments file is from another publication than sdn.csv and joining would garble the text.
                if ((row.Remarks?.Length ?? 0) >= RemarksFieldWidth)
                {
                    remarks += string.Concat(rowComments.Select(c => c.Text));
                }
                else
                {
                    staleComments += rowComments.Count;
                }
            }

            entities.Add(Map(listId, row, remarks, alts.GetValueOrDefault(row.EntNum) ?? [], adds.GetValueOrDefault(row.EntNum) ?? [], rowComments, files));
        }

        if (staleComments > 0)
        {
            notices.Add($"{staleComments} comment row(s) not joined: the remarks they continue are not cut off in {files.Sdn.Name} (the files are from different publications)");
        }

        return new WatchList
        {
            Id = listId,
            Title = title ?? OfacSdnSource.Descriptor.Title,
            PublicationDate = files.Sdn.PublicationDate,
            Files = fileInfos,
            Entities = entities,
            Notices = notices,
        };
    }

    private static Dictionary<string, List<T>> ReadChild<T>(SourceFile? file, Func<Stream, IEnumerable<T>> read, Func<T, string> key,
        Dictionary<string, long> known, string what, List<string> notices, List<ListFile> infos)
    {
        var map = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        if (file is null)
        {
            return map;
        }

        var hashing = new HashingStream(file.Stream);
        var rows = 0;
        var orphans = 0;
        foreach (var row in read(hashing))
        {
            rows++;
            var k = key(row);
            if (!known.ContainsKey(k))
            {
                orphans++;
                continue;
            }

            if (!map.TryGetValue(k, out var list))
            {
                map[k] = list = [];
            }

            list.Add(row);
        }

        infos.Add(new ListFile(file.Name, hashing.Finish(), file.PublicationDate, rows));
        if (orphans > 0)
        {
            notices.Add($"{orphans} of {rows} {what} row(s) in {file.Name} skipped: their ent_num is not in the SDN file");
        }

        return map;
    }

    private static Entity Map(string listId, SdnRow row, string? remarks, List<AltRow> alts, List<AddRow> adds, List<CommentRow> comments, OfacCsvFiles files)
    {
        var facts = OfacRemarks.Parse(remarks);
        var kind = row.Type?.ToUpperInvariant() switch
        {
            "INDIVIDUAL" => EntityKind.Person,
            "VESSEL" => EntityKind.Vessel,
            "AIRCRAFT" => EntityKind.Aircraft,
            _ => EntityKind.Organization,
        };

        var names = new List<EntityName> { new(row.Name, NameType.Primary, AliasQuality.Strong, files.Sdn.Name) };
        foreach (var alt in alts)
        {
            var type = alt.AltType?.ToUpperInvariant() switch
            {
                "FKA" => NameType.Fka,
                "NKA" => NameType.Nka,
                _ => NameType.Aka,
            };
            names.Add(new EntityName(alt.Name, type, AliasQuality.Strong, files.Alt!.Name));
        }

        foreach (var name in facts.Names)
        {
            if (!names.Any(n => string.Equals(n.Value, name.Value, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(name);
            }
        }

        var vessel = kind == EntityKind.Vessel || row.CallSign is not null || row.VesselType is not null || row.VesselFlag is not null
            ? new VesselDetails
            {
                CallSign = row.CallSign,
                VesselType = row.VesselType,
                Tonnage = row.Tonnage,
                GrossRegisteredTonnage = row.Grt,
                Flag = row.VesselFlag,
                Owner = row.VesselOwner,
            }
            : null;

        var documents = facts.Documents;
        if (row.CallSign is not null)
        {
            documents.Add(new Core.Model.IdentityDocument(DocumentKind.Other, "Call Sign", row.CallSign, null, null));
        }

        var records = new List<SourceRecord>
        {
            new(files.Sdn.Name, row.Line, Fields(OfacSdnReader.SdnColumns,
                [row.EntNum, row.Name, row.Type, row.Programs, row.Title, row.CallSign, row.VesselType, row.Tonnage, row.Grt, row.VesselFlag, row.VesselOwner, row.Remarks])),
        };
        records.AddRange(alts.Select(a => new SourceRecord(files.Alt!.Name, a.Line, Fields(OfacSdnReader.AltColumns, [a.EntNum, a.AltNum, a.AltType, a.Name, a.Remarks]))));
        records.AddRange(adds.Select(a => new SourceRecord(files.Add!.Name, a.Line, Fields(OfacSdnReader.AddColumns, [a.EntNum, a.AddNum, a.Address, a.City, a.Country, a.Remarks]))));
        records.AddRange(comments.Select(c => new SourceRecord(files.Comments!.Name, c.Line, Fields(OfacSdnReader.CommentColumns, [c.EntNum, c.Text]))));

        return new Entity
        {
            Id = $"{listId}:{row.EntNum}",
            ListId = listId,
            SourceId = row.EntNum,
            Kind = kind,
            Name = row.Name,
            Names = names,
            Programs = ParsePrograms(row.Programs),
            Title = row.Title,
            Vessel = vessel,
            Addresses = [.. adds.Select(a => new Address(a.Address, a.City, a.Country, a.Remarks))],
            DatesOfBirth = facts.DatesOfBirth,
            PlacesOfBirth = facts.PlacesOfBirth,
            Nationalities = facts.Nationalities,
            Citizenships = facts.Citizenships,
            Gender = facts.Gender,
            Documents = documents,
            Websites = facts.Websites,
            Emails = facts.Emails,
            LinkedTo = facts.LinkedTo,
            SecondarySanctions = facts.SecondarySanctions,
            OtherFacts = facts.Other,
            SourceRecords = records,
        };
    }

    /// <summary>OFAC writes programmes as <c>SDGT] [SYRIA] [IRGC</c>: the outer brackets are the CSV's own.</summary>
    internal static IReadOnlyList<string> ParsePrograms(string? programs) => programs is null
        ? []
        : [.. programs.Split(']', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim().TrimStart('[').Trim())
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)];

    private static KeyValuePair<string, string>[] Fields(string[] names, string?[] values) =>
        [.. names.Zip(values, (n, v) => new KeyValuePair<string, string>(n, v ?? ""))];
}

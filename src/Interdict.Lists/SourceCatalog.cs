using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Ftm;

namespace Interdict.Lists;

/// <summary>
/// A set of list sources, and what every source shares: finding one by id (<c>ftm:NAME</c> ids name FollowTheMoney
/// datasets), and reading a publication (empty files refused, ZIP archives of list files expanded, each entity id once).
/// <see cref="ListSources"/> is the catalogue of the built-in sources; a test or an extension can make its own.
/// </summary>
public sealed class SourceCatalog
{
    private readonly Dictionary<string, SourceDefinition> _byId;

    /// <summary>A catalogue of <paramref name="definitions"/>, in the order they are screened and listed.</summary>
    public SourceCatalog(IEnumerable<SourceDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Definitions = [.. definitions];
        _byId = Definitions.ToDictionary(d => d.Source.Id, StringComparer.Ordinal);
        All = [.. Definitions.Select(d => d.Source)];
        Ids = [.. All.Select(s => s.Id)];
    }

    /// <summary>Every source's definition.</summary>
    public IReadOnlyList<SourceDefinition> Definitions { get; }

    /// <summary>Every source's descriptor.</summary>
    public IReadOnlyList<ListSource> All { get; }

    /// <summary>Every source's id.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>True when <paramref name="id"/> is a source here or a well-formed FtM source id.</summary>
    public bool IsKnown(string? id) => id is not null && (_byId.ContainsKey(id) || (FtmSource.IsFtm(id) && FtmSource.Invalid(id) is null));

    /// <summary>The message for an unknown source id.</summary>
    public string Unknown(string? id) => FtmSource.IsFtm(id)
        ? FtmSource.Invalid(id!)!
        : $"unknown source '{id}'; supported: {string.Join(", ", Ids)}, or ftm:NAME for FollowTheMoney entity files";

    /// <summary>The definition of a source; throws <see cref="ArgumentException"/> naming the supported ones when unknown.</summary>
    public SourceDefinition Find(string id) =>
        id is not null && _byId.TryGetValue(id, out var d) ? d
        : IsKnown(id) ? new FtmDefinition(id!)
        : throw new ArgumentException(Unknown(id), nameof(id));

    /// <summary>
    /// Reads one publication of <paramref name="sourceId"/> from its files. <paramref name="publicationDate"/> is used when
    /// the files carry no date of their own (OFAC's CSV files). Malformed files raise <see cref="ListFormatException"/>
    /// naming the file and line.
    /// </summary>
    public WatchList Read(string sourceId, IReadOnlyList<ListFileContent> files, DateOnly? publicationDate = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var source = Find(sourceId);
        if (files.Count == 0)
        {
            throw new ArgumentException("no files given", nameof(files));
        }

        foreach (var f in files)
        {
            if (f.Bytes.Length == 0)
            {
                throw new ListFormatException(sourceId, f.Name, null, "the file is empty");
            }
        }

        var list = source.Read(Unzipped(sourceId, files), publicationDate);
        // Every source: one entity per id (a repeated id would be stored twice, or shadow another's record).
        var ids = new HashSet<string>(list.Entities.Count, StringComparer.Ordinal);
        foreach (var e in list.Entities)
        {
            if (!ids.Add(e.Id))
            {
                throw new ListFormatException(sourceId, string.Join(", ", files.Select(f => f.Name)), null, $"the entity {e.Id} is published twice; each record must appear once", e.SourceId);
            }
        }

        return list;
    }

    // The files with each ZIP archive of list files (OFAC's CONS_ENHANCED.ZIP, SDN_XML.ZIP) replaced by its members,
    // named ARCHIVE/MEMBER; spreadsheets (.xlsx, .ods), which are ZIP archives too, stay whole for their readers.
    private static List<ListFileContent> Unzipped(string sourceId, IReadOnlyList<ListFileContent> files)
    {
        var result = new List<ListFileContent>(files.Count);
        foreach (var f in files)
        {
            if (!Spreadsheets.SpreadsheetRows.IsZip(f.Bytes))
            {
                result.Add(f);
                continue;
            }

            try
            {
                using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(f.Bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
                if (zip.GetEntry("[Content_Types].xml") is not null || zip.GetEntry("mimetype") is not null)
                {
                    result.Add(f);
                    continue;
                }

                var members = zip.Entries.Where(e => e.Length > 0 && !e.FullName.EndsWith('/')).ToList();
                if (members.Count == 0)
                {
                    throw new ListFormatException(sourceId, f.Name, null, "the ZIP archive holds no file");
                }

                foreach (var member in members)
                {
                    using var stream = member.Open();
                    var bytes = new MemoryStream();
                    stream.CopyTo(bytes); // a damaged member fails its CRC check here
                    result.Add(new ListFileContent($"{f.Name}/{member.FullName}", bytes.ToArray(), f.PublicationDate));
                }
            }
            catch (InvalidDataException e)
            {
                throw new ListFormatException(sourceId, f.Name, null, $"the ZIP archive is damaged or cut off ({e.Message})", innerException: e);
            }
        }

        return result;
    }
}

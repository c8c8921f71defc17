using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Ofac;
using Interdict.Lists.Uk;
using Interdict.Lists.Un;

namespace Interdict.Lists;

/// <summary>A file the publisher serves for a source, and the name it is stored under.</summary>
/// <param name="Name">The stored file name, e.g. <c>sdn.csv</c>.</param>
/// <param name="Url">The official download address.</param>
/// <param name="Required">False for companions a publication can lack (e.g. <c>sdn_comments.csv</c>).</param>
public sealed record DownloadFile(string Name, Uri Url, bool Required = true);

/// <summary>The supported official sources: their descriptors, download files, and one reader that recognises each format.</summary>
public static class ListSources
{
    /// <summary>How the id of a source imported from FollowTheMoney entity files starts: <c>ftm:opensanctions</c>.</summary>
    public const string FtmPrefix = "ftm:";

    /// <summary>Every supported source, in the order they are screened and listed.</summary>
    public static IReadOnlyList<ListSource> All { get; } = [OfacSdnSource.Descriptor, OfacConsSource.Descriptor, UnSource.Descriptor, UkOfsiSource.Descriptor, UkFcdoSource.Descriptor];

    /// <summary>The ids of the supported sources.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(s => s.Id)];

    /// <summary>
    /// The descriptor of a source: a supported one, or an FtM dataset (<c>ftm:NAME</c>); throws
    /// <see cref="ArgumentException"/> naming the supported ones when unknown.
    /// </summary>
    public static ListSource Get(string id) => All.FirstOrDefault(s => s.Id == id)
        ?? (Ftm.FtmSource.IsFtm(id) && Ftm.FtmSource.Invalid(id) is null ? Ftm.FtmSource.Descriptor(id) : null)
        ?? throw new ArgumentException(Unknown(id), nameof(id));

    /// <summary>True when <paramref name="id"/> is a supported source or a well-formed FtM source id.</summary>
    public static bool IsKnown(string? id) => id is not null && (Ids.Contains(id) || (Ftm.FtmSource.IsFtm(id) && Ftm.FtmSource.Invalid(id) is null));

    /// <summary>The message for an unknown source id.</summary>
    public static string Unknown(string? id) => Ftm.FtmSource.IsFtm(id)
        ? Ftm.FtmSource.Invalid(id!)!
        : $"unknown source '{id}'; supported: {string.Join(", ", Ids)}, or ftm:NAME for FollowTheMoney entity files";

    /// <summary>The files that make up one publication of a source, at their official addresses.</summary>
    public static IReadOnlyList<DownloadFile> Downloads(string id)
    {
        const string ofac = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/";
        return id switch
        {
            OfacSdnSource.Id =>
            [
                new("sdn.csv", new Uri(ofac + "SDN.CSV")), new("alt.csv", new Uri(ofac + "ALT.CSV")),
                new("add.csv", new Uri(ofac + "ADD.CSV")), new("sdn_comments.csv", new Uri(ofac + "SDN_COMMENTS.CSV"), Required: false),
            ],
            OfacConsSource.Id =>
            [
                new("cons_prim.csv", new Uri(ofac + "CONS_PRIM.CSV")), new("cons_alt.csv", new Uri(ofac + "CONS_ALT.CSV")),
                new("cons_add.csv", new Uri(ofac + "CONS_ADD.CSV")), new("cons_comments.csv", new Uri(ofac + "CONS_COMMENTS.CSV"), Required: false),
            ],
            UnSource.Id => [new("consolidated.xml", UnSource.Descriptor.OfficialUrl)],
            UkOfsiSource.Id => [new("ConList.csv", UkOfsiSource.Descriptor.OfficialUrl)],
            // The summary export is made on request by the FCDO's search service: no fixed address to fetch it from.
            UkFcdoSource.Id => [],
            // FtM files are the user's (an OpenSanctions data licence): imported, never fetched.
            _ when IsKnown(id) => [],
            _ => throw new ArgumentException($"unknown source '{id}'; supported: {string.Join(", ", Ids)}", nameof(id)),
        };
    }

    /// <summary>
    /// Reads one publication of <paramref name="sourceId"/> from its files, recognising the format from the content (XML or
    /// CSV) and OFAC's companion files from their names. <paramref name="publicationDate"/> is used when the files carry no
    /// date of their own (OFAC's CSV files). Malformed files raise <see cref="ListFormatException"/> naming the file and line.
    /// </summary>
    public static WatchList Read(string sourceId, IReadOnlyList<ListFileContent> files, DateOnly? publicationDate = null)
    {
        ArgumentNullException.ThrowIfNull(files);
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

        var list = ReadFiles(sourceId, Unzipped(sourceId, files), publicationDate);
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

    private static WatchList ReadFiles(string sourceId, List<ListFileContent> files, DateOnly? publicationDate)
    {
        SourceFile Open(ListFileContent f) => new(f.Name, new MemoryStream(f.Bytes, writable: false), f.PublicationDate ?? publicationDate);
        switch (sourceId)
        {
            case OfacSdnSource.Id or OfacConsSource.Id:
                var title = Get(sourceId).Title;
                if (files.FirstOrDefault(f => LooksLikeXml(f.Bytes)) is { } xml)
                {
                    return OfacXmlMapper.Read(Open(xml), sourceId, title);
                }

                var prefix = sourceId == OfacSdnSource.Id ? "" : "cons_";
                var main = Find(files, sourceId == OfacSdnSource.Id ? "sdn.csv" : "cons_prim.csv") ?? (files.Count == 1 ? files[0] : null)
                    ?? throw new ListFormatException(sourceId, string.Join(", ", files.Select(f => f.Name)), null,
                        $"none of the files is {(sourceId == OfacSdnSource.Id ? "sdn.csv" : "cons_prim.csv")} or an OFAC XML file");
                return OfacSdnMapper.Read(
                    new OfacCsvFiles
                    {
                        Sdn = Open(main),
                        Alt = Find(files, prefix + "alt.csv") is { } alt ? Open(alt) : null,
                        Add = Find(files, prefix + "add.csv") is { } add ? Open(add) : null,
                        Comments = Find(files, sourceId == OfacSdnSource.Id ? "sdn_comments.csv" : "cons_comments.csv") is { } c ? Open(c) : null,
                    },
                    sourceId,
                    title);
            case UnSource.Id:
                return UnMapper.Read(Open(Single(sourceId, files)), sourceId);
            case UkOfsiSource.Id:
                return UkOfsiMapper.Read(Open(Single(sourceId, files)), sourceId);
            case UkFcdoSource.Id:
                return UkFcdoMapper.Read(Open(Single(sourceId, files)), sourceId);
            case var ftm when IsKnown(ftm):
                return Ftm.FtmSource.Read(Open(Single(sourceId, files)), sourceId);
            default:
                throw new ArgumentException($"unknown source '{sourceId}'; supported: {string.Join(", ", Ids)}", nameof(sourceId));
        }
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

    private static ListFileContent Single(string sourceId, List<ListFileContent> files) => files.Count == 1
        ? files[0]
        : throw new ListFormatException(sourceId, string.Join(", ", files.Select(f => f.Name)), null, "this source is published as one file; give exactly one");

    private static ListFileContent? Find(IReadOnlyList<ListFileContent> files, string name) =>
        files.FirstOrDefault(f => string.Equals(Path.GetFileName(f.Name), name, StringComparison.OrdinalIgnoreCase));

    private static bool LooksLikeXml(byte[] bytes)
    {
        var i = bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            i++;
        }

        return i < bytes.Length && bytes[i] == (byte)'<';
    }
}

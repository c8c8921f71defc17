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

/// <summary>
/// The built-in list sources. Each lives in its own folder (its <see cref="SourceDefinition"/>: descriptor, downloads,
/// companions, reader and mapper); this class only lists them, one line each, and hands work to the catalogue.
/// </summary>
public static class ListSources
{
    /// <summary>How the id of a source imported from FollowTheMoney entity files starts: <c>ftm:opensanctions</c>.</summary>
    public const string FtmPrefix = "ftm:";

    /// <summary>The built-in sources, in the order they are screened and listed.</summary>
    public static IReadOnlyList<SourceDefinition> BuiltIn { get; } =
    [
        OfacSdnSource.Definition,
        OfacConsSource.Definition,
        UnSource.Definition,
        UkOfsiSource.Definition,
        UkFcdoSource.Definition,
    ];

    /// <summary>The catalogue of the built-in sources.</summary>
    public static SourceCatalog Catalog { get; } = new(BuiltIn);

    /// <summary>Every built-in source's descriptor.</summary>
    public static IReadOnlyList<ListSource> All => Catalog.All;

    /// <summary>The ids of the built-in sources.</summary>
    public static IReadOnlyList<string> Ids => Catalog.Ids;

    /// <summary>
    /// The descriptor of a source: a built-in one, or an FtM dataset (<c>ftm:NAME</c>); throws
    /// <see cref="ArgumentException"/> naming the supported ones when unknown.
    /// </summary>
    public static ListSource Get(string id) => Catalog.Find(id).Source;

    /// <summary>True when <paramref name="id"/> is a built-in source or a well-formed FtM source id.</summary>
    public static bool IsKnown(string? id) => Catalog.IsKnown(id);

    /// <summary>The message for an unknown source id.</summary>
    public static string Unknown(string? id) => Catalog.Unknown(id);

    /// <summary>The files that make up one publication of a source, at their official addresses (none for a source with no fixed address).</summary>
    public static IReadOnlyList<DownloadFile> Downloads(string id) => Catalog.Find(id).Downloads;

    /// <summary>
    /// Reads one publication of <paramref name="sourceId"/> from its files (see <see cref="SourceCatalog.Read"/>).
    /// Malformed files raise <see cref="Core.ListFormatException"/> naming the file and line.
    /// </summary>
    public static WatchList Read(string sourceId, IReadOnlyList<ListFileContent> files, DateOnly? publicationDate = null) =>
        Catalog.Read(sourceId, files, publicationDate);
}

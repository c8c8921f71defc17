using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Ofac;

namespace Interdict.TestKit;

/// <summary>Loads the fixtures trimmed from the official files (see Fixtures/*/README.md).</summary>
public static class Fixtures
{
    /// <summary>The folder holding the fixtures, beside the test assembly.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The path of a fixture file, e.g. <c>ofac-sdn/2024-05-03/sdn.csv</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The trimmed OFAC SDN publication of 2024-05-03 (with the 2025-12-24 alt/add/comments rows).</summary>
    public static WatchList OfacSdn() => OfacSdnFrom(File.ReadAllBytes(PathOf("ofac-sdn/2024-05-03/sdn.csv")));

    /// <summary>The trimmed OFAC SDN files with a replacement for sdn.csv's bytes.</summary>
    public static WatchList OfacSdnFrom(byte[] sdn) => OfacSdnFrom(sdn, "ofac-sdn/2024-05-03/alt.csv");

    /// <summary>
    /// Seventeen OFAC SDN records of 2024-05-03 with their alt.csv rows (<c>ofac-sdn/matcher-1-4</c>): people with weak
    /// a.k.a.s, with patronymics made from common family names, one whose weak a.k.a. is also a strong name, North
    /// Korean officials, Israeli settlers and FATTAH, Parviz.
    /// </summary>
    public static WatchList OfacSdnMatcher140() => OfacSdnFrom(File.ReadAllBytes(PathOf("ofac-sdn/matcher-1-4/sdn.csv")), "ofac-sdn/matcher-1-4/alt.csv");

    /// <summary>Real SDN records with Arabic compound names, AL-ZAWAHIRI and a Somali-spelt alias (the matcher 1.5.0 fixture).</summary>
    public static WatchList OfacSdnMatcher150() => OfacSdnFrom(File.ReadAllBytes(PathOf("ofac-sdn/matcher-1-5/sdn.csv")), "ofac-sdn/matcher-1-5/alt.csv");

    private static WatchList OfacSdnFrom(byte[] sdn, string altPath)
    {
        using var sdnStream = new MemoryStream(sdn);
        using var alt = File.OpenRead(PathOf(altPath));
        using var add = File.OpenRead(PathOf("ofac-sdn/2024-05-03/add.csv"));
        using var comments = File.OpenRead(PathOf("ofac-sdn/2024-05-03/sdn_comments.csv"));
        return OfacSdnMapper.Read(new OfacCsvFiles
        {
            Sdn = new SourceFile("sdn.csv", sdnStream, new DateOnly(2024, 5, 3)),
            Alt = new SourceFile("alt.csv", alt, new DateOnly(2025, 12, 24)),
            Add = new SourceFile("add.csv", add, new DateOnly(2025, 12, 24)),
            Comments = new SourceFile("sdn_comments.csv", comments, new DateOnly(2025, 12, 24)),
        });
    }

    /// <summary>
    /// Ten OFAC SDN records of 2024-05-03 (<c>ofac-sdn/namesakes/sdn.csv</c>): Russian companies that share only a legal
    /// form, people who share only a given name and a patronymic.
    /// </summary>
    public static WatchList OfacSdnNamesakes() => OfacSdnFrom(File.ReadAllBytes(PathOf("ofac-sdn/namesakes/sdn.csv")));

    /// <summary>Reads fixture files (paths relative to the fixture folder) as one publication of <paramref name="sourceId"/>.</summary>
    public static WatchList Read(string sourceId, params string[] relative) =>
        ListSources.Read(sourceId, [.. relative.Select(r => new ListFileContent(Path.GetFileName(r), File.ReadAllBytes(PathOf(r))))]);

    /// <summary>The uncompressed bytes of a gzip-compressed fixture file.</summary>
    public static byte[] Gunzip(string relative)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(PathOf(relative)), System.IO.Compression.CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The bytes of a fixture file.</summary>
    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>
    /// A small watchlist written in a test: one entity per row, with its primary name and, when given, a date of birth
    /// (ISO 8601). Ids are <c>{id}:{source id}</c>.
    /// </summary>
    public static WatchList Watchlist(string id, IEnumerable<(string SourceId, string Name, EntityKind Kind, string? Dob)> rows) => new()
    {
        Id = id,
        Title = id,
        Entities = [.. rows.Select(r => new Entity
        {
            Id = $"{id}:{r.SourceId}",
            ListId = id,
            SourceId = r.SourceId,
            Kind = r.Kind,
            Name = r.Name,
            Names = [new EntityName(r.Name, NameType.Primary, AliasQuality.Unknown, "test")],
            DatesOfBirth = r.Dob is { } d ? [new DateOfBirth(Date(d), Date(d), false, false, d)] : [],
        })],
    };

    private static PartialDate Date(string text) => PartialDate.TryParse(text, out var date) ? date : throw new ArgumentException($"not a date: {text}", nameof(text));

    /// <summary>An entity of a list by its publisher id; fails loudly when absent.</summary>
    public static Entity Get(this WatchList list, string sourceId) =>
        list.Entities.SingleOrDefault(e => e.SourceId == sourceId)
        ?? throw new InvalidOperationException($"fixture {list.Id} has no entity {sourceId}");
}

using System.Globalization;
using System.IO.Compression;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Ofac;

namespace Interdict.Lists.Bundled;

/// <summary>
/// The default snapshot of the official lists that ships inside this assembly (from the repository's <c>data/lists/</c>),
/// so a fresh clone, a published build and an installed tool all screen without any download.
/// </summary>
public static class BundledLists
{
    private const string Prefix = "Interdict.Bundled.";

    /// <summary>The ids of the bundled lists.</summary>
    public static IReadOnlyList<string> Ids { get; } = [OfacSdnSource.Id];

    /// <summary>The source descriptors of the bundled lists.</summary>
    public static IReadOnlyList<ListSource> Sources { get; } = [OfacSdnSource.Descriptor];

    /// <summary>Loads one bundled list, checking each file against the SHA-256 in its manifest.</summary>
    public static WatchList Load(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id switch
        {
            OfacSdnSource.Id => LoadOfacSdn(),
            _ => throw new ArgumentException($"'{id}' is not a bundled list; bundled lists: {string.Join(", ", Ids)}", nameof(id)),
        };
    }

    private static WatchList LoadOfacSdn()
    {
        const string id = OfacSdnSource.Id;
        var manifest = ReadManifest(id);
        var streams = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        try
        {
            foreach (var (file, date, _) in manifest)
            {
                streams[file] = new SourceFile($"data/lists/{id}/{file}.gz", Open(id, file), date);
            }

            var list = OfacSdnMapper.Read(new OfacCsvFiles
            {
                Sdn = streams["sdn.csv"],
                Alt = streams.GetValueOrDefault("alt.csv"),
                Add = streams.GetValueOrDefault("add.csv"),
                Comments = streams.GetValueOrDefault("sdn_comments.csv"),
            });
            foreach (var file in list.Files)
            {
                var expected = manifest.Single(m => file.Name.EndsWith("/" + m.File + ".gz", StringComparison.Ordinal)).Sha256;
                if (!string.Equals(expected, file.Sha256, StringComparison.Ordinal))
                {
                    throw new ListFormatException(id, file.Name, null, $"content hash {file.Sha256} does not match the manifest's {expected}");
                }
            }

            return list;
        }
        finally
        {
            foreach (var s in streams.Values)
            {
                s.Stream.Dispose();
            }
        }
    }

    private static List<(string File, DateOnly Date, string Sha256)> ReadManifest(string id) =>
        [.. TsvResource.Read($"{Prefix}{id}/manifest.tsv").Select(f => (f[0], DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[2]))];

    private static GZipStream Open(string id, string file) => new(Resource($"{id}/{file}.gz"), CompressionMode.Decompress);

    private static Stream Resource(string path) =>
        typeof(BundledLists).Assembly.GetManifestResourceStream(Prefix + path)
        ?? throw new InvalidOperationException($"Bundled data '{path}' is missing from {typeof(BundledLists).Assembly.GetName().Name}; the build did not embed data/lists.");
}

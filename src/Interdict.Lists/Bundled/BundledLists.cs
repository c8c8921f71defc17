using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Interdict.Core;
using Interdict.Core.Model;

namespace Interdict.Lists.Bundled;

/// <summary>
/// The default snapshot of the official lists that ships inside this assembly (from the repository's <c>data/lists/</c>),
/// so a fresh clone, a published build and an installed tool all screen without any download.
/// </summary>
public static class BundledLists
{
    private const string Prefix = "Interdict.Bundled.";

    /// <summary>The ids of the bundled lists: every supported source.</summary>
    public static IReadOnlyList<string> Ids => ListSources.Ids;

    /// <summary>The source descriptors of the bundled lists.</summary>
    public static IReadOnlyList<ListSource> Sources => ListSources.All;

    /// <summary>The bundled files of one list, uncompressed, each checked against the SHA-256 in its manifest.</summary>
    public static IReadOnlyList<ListFileContent> Files(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Ids.Contains(id))
        {
            throw new ArgumentException($"'{id}' is not a bundled list; bundled lists: {string.Join(", ", Ids)}", nameof(id));
        }

        var files = new List<ListFileContent>();
        foreach (var row in TsvResource.Read($"{Prefix}{id}/manifest.tsv"))
        {
            var (file, date, sha256) = (row[0], DateOnly.ParseExact(row[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), row[2]);
            using var gzip = new GZipStream(Resource($"{id}/{file}.gz"), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, sha256, StringComparison.Ordinal))
            {
                throw new ListFormatException(id, $"data/lists/{id}/{file}.gz", null, $"content hash {actual} does not match the manifest's {sha256}");
            }

            files.Add(new ListFileContent(file, bytes, date));
        }

        return files;
    }

    /// <summary>The publication date of a bundled list: that of its main file, the first in its manifest.</summary>
    public static DateOnly PublicationDate(string id) =>
        DateOnly.ParseExact(TsvResource.Read($"{Prefix}{id}/manifest.tsv")[0][1], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Loads one bundled list: parsed from its files the first time, then from <see cref="ParsedListCache"/> (keyed by the
    /// manifest's hashes, so the files are not even decompressed).
    /// </summary>
    public static WatchList Load(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Ids.Contains(id))
        {
            return ListSources.Read(id, Files(id)); // Files names the bundled lists in its error
        }

        return ParsedListCache.GetOrRead(id, TsvResource.Read($"{Prefix}{id}/manifest.tsv").Select(row => row[2]), () => ListSources.Read(id, Files(id)));
    }

    private static Stream Resource(string path) =>
        typeof(BundledLists).Assembly.GetManifestResourceStream(Prefix + path)
        ?? throw new InvalidOperationException($"Bundled data '{path}' is missing from {typeof(BundledLists).Assembly.GetName().Name}; the build did not embed data/lists.");
}

using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Ofac;

namespace Interdict.Lists;

/// <summary>
/// Everything about one list source, kept in the source's own folder: what it is (<see cref="Source"/>), the files its
/// publisher serves (<see cref="Downloads"/>), the companion files an import takes from beside the main one
/// (<see cref="Companions"/>), and how its files are read (<see cref="Read"/>). Adding a source is a folder with one of
/// these, and one line in <see cref="ListSources.BuiltIn"/>.
/// </summary>
public abstract class SourceDefinition
{
    /// <summary>The source's descriptor: id, title, publisher, address, format.</summary>
    public abstract ListSource Source { get; }

    /// <summary>The files that make up one publication, at their official addresses; empty when there is no fixed address to fetch from.</summary>
    public virtual IReadOnlyList<DownloadFile> Downloads => [];

    /// <summary>For a main file name (e.g. <c>sdn.csv</c>), the companion files an import takes from beside it.</summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyList<string>> Companions { get; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Reads one publication from its files (non-empty; ZIP archives of list files already expanded), using
    /// <paramref name="publicationDate"/> when the files carry no date of their own. Malformed files raise
    /// <see cref="ListFormatException"/> naming the file and line.
    /// </summary>
    public abstract WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate);

    /// <summary>The one file of a source published as one file; more is refused.</summary>
    protected ListFileContent OnlyFile(IReadOnlyList<ListFileContent> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.Count == 1
            ? files[0]
            : throw new ListFormatException(Source.Id, string.Join(", ", files.Select(f => f.Name)), null, "this source is published as one file; give exactly one");
    }
}

/// <summary>Helpers the sources' readers share.</summary>
public static class SourceFiles
{
    /// <summary>A file as a reader takes it: a name, a stream and a date.</summary>
    public static SourceFile Open(ListFileContent file, DateOnly? publicationDate)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Name, new MemoryStream(file.Bytes, writable: false), file.PublicationDate ?? publicationDate);
    }

    /// <summary>The file of that name (without folders), if given.</summary>
    public static ListFileContent? Find(IReadOnlyList<ListFileContent> files, string name) =>
        files?.FirstOrDefault(f => string.Equals(Path.GetFileName(f.Name), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the bytes start (after a byte-order mark and white space) with <c>&lt;</c>.</summary>
    public static bool LooksLikeXml(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var i = bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            i++;
        }

        return i < bytes.Length && bytes[i] == (byte)'<';
    }
}

using Interdict.Core.Model;

namespace Interdict.Core.Store;

/// <summary>One stored, immutable version of a list: one import of one publication.</summary>
/// <param name="Id">The store's number for the version (increasing with each import, across sources).</param>
/// <param name="Source">The source id, e.g. <c>ofac-sdn</c>.</param>
/// <param name="PublicationDate">The publication date read from the file (or given at import for formats without one).</param>
/// <param name="ImportedAt">When it was imported.</param>
/// <param name="ContentHash">The SHA-256 of the version's files (see <see cref="WatchList.ContentHash"/>).</param>
/// <param name="Entities">How many entities it holds.</param>
/// <param name="Origin">Where it came from: a path or a URL.</param>
/// <param name="Files">Its files, with their hashes and record counts.</param>
/// <param name="Current">True when it is the version in force for its source.</param>
public sealed record StoredVersion(long Id, string Source, DateOnly? PublicationDate, DateTimeOffset ImportedAt, string ContentHash, int Entities,
    string Origin, IReadOnlyList<ListFile> Files, bool Current);

/// <summary>The per-entity facts a store keeps for history without re-reading the files.</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Name">Its primary name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Programs">Its programmes.</param>
/// <param name="ContentHash">Its <see cref="EntityFingerprint"/>.</param>
public sealed record StoredEntity(string EntityId, string Name, EntityKind Kind, IReadOnlyList<string> Programs, string ContentHash);

/// <summary>The outcome of adding a version.</summary>
/// <param name="Version">The stored version (new, or the existing one with the same content).</param>
/// <param name="Created">False when the same content was already stored.</param>
public sealed record AddResult(StoredVersion Version, bool Created);

/// <summary>
/// A store of list versions. Every version is immutable once added; adding one (and switching to it) happens in one
/// transaction, so a failure or a killed process leaves the store exactly as it was.
/// </summary>
public interface IListStore : IDisposable
{
    /// <summary>
    /// Adds a parsed publication with its files. With <paramref name="makeCurrent"/> it is put in force when it is the
    /// newest publication of its source (published on or after the version in force), or whatever its date with
    /// <paramref name="evenIfOlder"/>: an older file imported last never replaces a newer list quietly. Adds to one source
    /// are serialised (two imports at once: the second waits, and finds the first's version when the content is the same).
    /// </summary>
    AddResult Add(WatchList list, IReadOnlyList<ListFileContent> files, string origin, bool makeCurrent, bool evenIfOlder = false);

    /// <summary>Every stored version, oldest first; of one source when <paramref name="source"/> is given.</summary>
    IReadOnlyList<StoredVersion> Versions(string? source = null);

    /// <summary>The version in force for a source, if any was stored.</summary>
    StoredVersion? Current(string source);

    /// <summary>Makes a stored version the one in force for its source.</summary>
    void SetCurrent(long versionId);

    /// <summary>The files of a version, uncompressed, as imported.</summary>
    IReadOnlyList<ListFileContent> Files(long versionId);

    /// <summary>The entity facts of a version.</summary>
    IReadOnlyList<StoredEntity> Entities(long versionId);
}

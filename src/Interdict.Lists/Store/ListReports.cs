using Interdict.Core.Model;
using Interdict.Core.Store;

namespace Interdict.Lists.Store;

/// <summary>One version of a source as reported by <c>lists versions</c> and <c>GET /v1/lists/{source}/versions</c>.</summary>
/// <param name="Source">The source id.</param>
/// <param name="Version">Its label: <c>v12</c> or <c>bundled</c>.</param>
/// <param name="PublicationDate">Its publication date.</param>
/// <param name="ImportedAt">When it was imported (stored versions only).</param>
/// <param name="Entities">How many entities it holds (stored versions only).</param>
/// <param name="ContentHash">The SHA-256 of its files (stored versions only).</param>
/// <param name="Origin">Where it came from (stored versions only).</param>
/// <param name="Files">Its files (stored versions only).</param>
/// <param name="InForce">True for the version screening uses.</param>
public sealed record VersionReport(string Source, string Version, DateOnly? PublicationDate, DateTimeOffset? ImportedAt, int? Entities,
    string? ContentHash, string? Origin, IReadOnlyList<ListFile>? Files, bool InForce);

/// <summary>One end of a diff.</summary>
/// <param name="Version">Its label.</param>
/// <param name="PublicationDate">Its publication date.</param>
public sealed record DiffSide(string Version, DateOnly? PublicationDate);

/// <summary>How many entities a diff adds, removes and changes.</summary>
/// <param name="Added">Added entities.</param>
/// <param name="Removed">Removed entities.</param>
/// <param name="Changed">Changed entities.</param>
public sealed record DiffCounts(int Added, int Removed, int Changed);

/// <summary>A diff between two versions, as reported by <c>lists diff</c> and <c>GET /v1/lists/{source}/diff</c>.</summary>
/// <param name="Source">The source id.</param>
/// <param name="From">The older version.</param>
/// <param name="To">The newer version.</param>
/// <param name="Counts">The counts.</param>
/// <param name="Added">Entities only in the newer version.</param>
/// <param name="Removed">Entities only in the older version.</param>
/// <param name="Changed">Entities in both whose record changed, with field-level changes.</param>
public sealed record DiffReport(string Source, DiffSide From, DiffSide To, DiffCounts Counts,
    IReadOnlyList<EntitySummary> Added, IReadOnlyList<EntitySummary> Removed, IReadOnlyList<EntityChange> Changed);

/// <summary>The version and diff reports shared by the CLI and the HTTP API, so both give the same JSON.</summary>
public static class ListReports
{
    /// <summary>Every version of each source (stored, then the bundled snapshot), marking the one in force.</summary>
    public static List<VersionReport> Versions(ListLibrary library, IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(sources);
        return [.. sources.SelectMany(id =>
        {
            var inForce = library.InForce(id);
            return library.Versions(id).Select(v => new VersionReport(v.Source, v.Label, v.PublicationDate, v.Stored?.ImportedAt, v.Stored?.Entities,
                v.Stored?.ContentHash, v.Stored?.Origin, v.Stored?.Files, v.Label == inForce.Label));
        })];
    }

    /// <summary>
    /// The diff between two versions of <paramref name="source"/>, each written as <c>v&lt;number&gt;</c>, a publication date,
    /// <c>bundled</c> or <c>current</c>. Throws <see cref="ArgumentException"/> naming a version that does not exist.
    /// </summary>
    public static DiffReport Diff(ListLibrary library, string source, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(library);
        var a = library.Find(source, from);
        var b = library.Find(source, to);
        var diff = ListDiff.Compute(library.Load(a), library.Load(b));
        return new DiffReport(source, new DiffSide(a.Label, a.PublicationDate), new DiffSide(b.Label, b.PublicationDate),
            new DiffCounts(diff.Added.Count, diff.Removed.Count, diff.Changed.Count), diff.Added, diff.Removed, diff.Changed);
    }
}

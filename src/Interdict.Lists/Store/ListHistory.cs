using Interdict.Core.Store;

namespace Interdict.Lists.Store;

/// <summary>One programme in one stored version: how many entities carry it, and how many were designated or delisted since the previous version.</summary>
/// <param name="Source">The source id.</param>
/// <param name="Version">The stored version number.</param>
/// <param name="PublicationDate">Its publication date.</param>
/// <param name="Program">The programme, e.g. <c>IRAN</c>.</param>
/// <param name="Entities">Entities carrying the programme in this version.</param>
/// <param name="Added">Entities carrying it here that the previous version did not list at all (null for the first version).</param>
/// <param name="Removed">Entities that carried it in the previous version and are no longer listed at all (null for the first).</param>
public sealed record HistoryRow(string Source, long Version, DateOnly? PublicationDate, string Program, int Entities, int? Added, int? Removed);

/// <summary>Designation history across the stored versions of a source, computed from the store's entity facts (no re-parsing).</summary>
public static class ListHistory
{
    /// <summary>
    /// Rows per stored version (by publication date) and programme; only the programmes in <paramref name="programs"/> when
    /// given (matched case-insensitively), and <c>(all)</c> for the whole list.
    /// </summary>
    public static IReadOnlyList<HistoryRow> Compute(IListStore store, string source, IReadOnlyCollection<string>? programs = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<HistoryRow>();
        Dictionary<string, StoredEntity>? previous = null;
        foreach (var version in store.Versions(source).OrderBy(v => v.PublicationDate).ThenBy(v => v.Id))
        {
            var entities = store.Entities(version.Id).ToDictionary(e => e.EntityId, StringComparer.Ordinal);
            var byProgram = entities.Values
                .SelectMany(e => e.Programs.Select(p => (Program: p, Entity: e)))
                .Where(x => programs is null || programs.Count == 0 || programs.Contains(x.Program, StringComparer.OrdinalIgnoreCase))
                .GroupBy(x => x.Program, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Entity.EntityId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            var wanted = programs is { Count: > 0 } ? programs : [.. byProgram.Keys.Order(StringComparer.Ordinal)];

            rows.Add(new HistoryRow(source, version.Id, version.PublicationDate, "(all)", entities.Count,
                previous is null ? null : entities.Keys.Count(k => !previous.ContainsKey(k)),
                previous is null ? null : previous.Keys.Count(k => !entities.ContainsKey(k))));
            foreach (var program in wanted)
            {
                var key = byProgram.Keys.FirstOrDefault(k => string.Equals(k, program, StringComparison.OrdinalIgnoreCase)) ?? program;
                var ids = byProgram.GetValueOrDefault(key) ?? [];
                int? added = previous is null ? null : ids.Count(id => !previous.ContainsKey(id));
                int? removed = previous is null ? null : previous.Values.Count(e => e.Programs.Contains(key, StringComparer.Ordinal) && !entities.ContainsKey(e.EntityId));
                rows.Add(new HistoryRow(source, version.Id, version.PublicationDate, key, ids.Count, added, removed));
            }

            previous = entities;
        }

        return rows;
    }
}

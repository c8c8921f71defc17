using System.Text.Json;
using System.Text.Json.Nodes;
using Interdict.Core.Matching;
using Interdict.Core.Model;

namespace Interdict.Core.Store;

/// <summary>A field of an entity that differs between two versions: its JSON value before and after (null when absent).</summary>
/// <param name="Field">The field, e.g. <c>names</c> or <c>programs</c>.</param>
/// <param name="Before">The old value as JSON.</param>
/// <param name="After">The new value as JSON.</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>An entity present in both versions whose published content changed.</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Name">Its primary name in the newer version.</param>
/// <param name="Changes">The fields that changed.</param>
public sealed record EntityChange(string EntityId, string Name, IReadOnlyList<FieldChange> Changes);

/// <summary>An entity added or removed between two versions.</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Name">Its primary name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Programs">Its programmes.</param>
public sealed record EntitySummary(string EntityId, string Name, EntityKind Kind, IReadOnlyList<string> Programs);

/// <summary>What changed from one version of a list to another.</summary>
/// <param name="Added">Entities only in the newer version.</param>
/// <param name="Removed">Entities only in the older version.</param>
/// <param name="Changed">Entities in both whose content differs, with field-level changes.</param>
public sealed record ListDiff(IReadOnlyList<EntitySummary> Added, IReadOnlyList<EntitySummary> Removed, IReadOnlyList<EntityChange> Changed)
{
    /// <summary>Compares two versions of the same list by entity id and content.</summary>
    public static ListDiff Compute(WatchList before, WatchList after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var now = after.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var added = after.Entities.Where(e => !old.ContainsKey(e.Id)).Select(Summary).ToList();
        var removed = before.Entities.Where(e => !now.ContainsKey(e.Id)).Select(Summary).ToList();
        var changed = new List<EntityChange>();
        foreach (var e in after.Entities)
        {
            if (old.TryGetValue(e.Id, out var o) && Changes(o, e) is { Count: > 0 } changes)
            {
                changed.Add(new EntityChange(e.Id, e.Name, changes));
            }
        }

        return new ListDiff(added, removed, changed);
    }

    /// <summary>The fields that differ between two versions of one entity.</summary>
    public static List<FieldChange> Changes(Entity before, Entity after)
    {
        var a = EntityFingerprint.Content(before);
        var b = EntityFingerprint.Content(after);
        var changes = new List<FieldChange>();
        foreach (var field in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
        {
            var x = a[field];
            var y = b[field];
            if (!JsonNode.DeepEquals(x, y))
            {
                changes.Add(new FieldChange(field, x?.ToJsonString(ScreeningJson.Compact), y?.ToJsonString(ScreeningJson.Compact)));
            }
        }

        return changes;
    }

    private static EntitySummary Summary(Entity e) => new(e.Id, e.Name, e.Kind, e.Programs);
}

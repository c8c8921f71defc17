using System.Text.RegularExpressions;
using Interdict.Core.Model;
using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>Another list's record of the same party, and what links the two.</summary>
/// <param name="EntityId">The other record's id, e.g. <c>un:IRi.039</c>.</param>
/// <param name="List">Its list.</param>
/// <param name="Name">Its primary name.</param>
/// <param name="Reason">What links them, e.g. <c>passport 008827</c> or <c>UN reference IRi.039</c>.</param>
public sealed record LinkedRecord(string EntityId, string List, string Name, string Reason);

/// <summary>
/// Groups the records that several lists publish for one party, so an analyst reviews one alert, not four. Records are
/// linked by the UN reference number (the UN's own id, which the UK list cites as "UN Ref IRi.039"), by the OFSI group id
/// (which the FCDO's designations cite), by a shared passport
/// or national id number whose issuing countries do not disagree, and by a shared IMO number. A number that one list
/// publishes for two of its records links nothing (lists do reuse numbers by mistake), and a group never holds two
/// records of the same list: a link that would merge two of them is not made.
/// </summary>
public sealed partial class CrossListLinks
{
    private readonly Dictionary<string, List<LinkedRecord>> _linked;

    private CrossListLinks(Dictionary<string, List<LinkedRecord>> linked) => _linked = linked;

    /// <summary>How many records are linked to at least one record of another list.</summary>
    public int LinkedCount => _linked.Count;

    /// <summary>The other lists' records of the same party (empty when none).</summary>
    public IReadOnlyList<LinkedRecord> For(string entityId) => _linked.TryGetValue(entityId, out var l) ? l : [];

    /// <summary>Finds the links among the given entities.</summary>
    public static CrossListLinks Build(IReadOnlyList<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var keys = new Dictionary<string, List<(int Entity, string? Country)>>(StringComparer.Ordinal);
        void Add(string key, int e, string? country)
        {
            if (!keys.TryGetValue(key, out var list))
            {
                keys[key] = list = [];
            }

            list.Add((e, country));
        }

        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            if (e.ListId == "uk-ofsi")
            {
                Add("OFSI group " + e.SourceId, i, null);
            }

            if (e.ListId == "un")
            {
                Add("UN reference " + e.SourceId, i, null);
                Add(UnDesignatedName(e.Name), i, null);
            }
            else
            {
                // A record's own UN reference is the first its notes cite; later ones name other, linked parties.
                foreach (var text in e.OtherFacts)
                {
                    if (UnReference().Match(text) is { Success: true } m)
                    {
                        Add("UN reference " + m.Groups[1].Value, i, null);
                    }
                    else if (e.ListId == "uk-fcdo" && text.StartsWith(Entity.OfsiGroupMark, StringComparison.Ordinal))
                    {
                        // The FCDO's designations name the OFSI group of the same party.
                        Add("OFSI group " + text[Entity.OfsiGroupMark.Length..], i, null);
                    }
                    else if (e.ListId == "uk-fcdo" && text.StartsWith("Designation source: ", StringComparison.Ordinal) && text.Contains("UN", StringComparison.Ordinal))
                    {
                        // A UN designation the FCDO carries without the UN's reference: the UN record of the same
                        // name, words in any order (Soleimani Qasem / QASEM SOLEIMANI), when exactly one has it.
                        Add(UnDesignatedName(e.Name), i, null);
                    }
                }
            }

            foreach (var doc in e.Documents)
            {
                var n = doc.NormalizedNumber;
                switch (doc.Kind)
                {
                    case DocumentKind.Passport or DocumentKind.NationalId when n.Length >= 6 && n.Count(char.IsAsciiDigit) >= 5:
                        Add($"{(doc.Kind == DocumentKind.Passport ? "passport" : "national id")} {n}", i, Countries.TryResolve(doc.Country, out var c) ? c.Alpha2 : null);
                        break;
                    case DocumentKind.Imo when n.Length == 7:
                        Add("IMO " + n, i, null);
                        break;
                }
            }
        }

        // Union-find over records, refusing any merge that would put two records of one list in a group.
        var parent = Enumerable.Range(0, entities.Count).ToArray();
        var lists = entities.Select(e => new HashSet<string>(StringComparer.Ordinal) { e.ListId }).ToArray();
        var reasons = new Dictionary<(int, int), string>();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        // A number or reference published for two records of one list is ambiguous: it links nothing.
        foreach (var key in keys.Where(k => k.Value.DistinctBy(m => m.Entity).GroupBy(m => entities[m.Entity].ListId).Any(g => g.Count() > 1)).Select(k => k.Key).ToList())
        {
            keys.Remove(key);
        }

        foreach (var (key, members) in keys.OrderBy(k => k.Key.StartsWith("UN", StringComparison.Ordinal) ? 0 : 1).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            for (var a = 0; a < members.Count; a++)
            {
                for (var b = a + 1; b < members.Count; b++)
                {
                    var (x, cx) = members[a];
                    var (y, cy) = members[b];
                    if (entities[x].ListId == entities[y].ListId || (cx is not null && cy is not null && cx != cy))
                    {
                        continue;
                    }

                    var (rx, ry) = (Find(x), Find(y));
                    if (rx != ry && !lists[rx].Overlaps(lists[ry]))
                    {
                        parent[ry] = rx;
                        lists[rx].UnionWith(lists[ry]);
                    }

                    if (Find(x) == Find(y))
                    {
                        reasons.TryAdd((Math.Min(x, y), Math.Max(x, y)), key);
                    }
                }
            }
        }

        var groups = Enumerable.Range(0, entities.Count).GroupBy(Find).Where(g => g.Count() > 1);
        var linked = new Dictionary<string, List<LinkedRecord>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var members = group.ToList();
            foreach (var m in members)
            {
                linked[entities[m].Id] = [.. members.Where(o => o != m).Select(o => new LinkedRecord(entities[o].Id, entities[o].ListId, entities[o].Name,
                    reasons.GetValueOrDefault((Math.Min(m, o), Math.Max(m, o))) ?? "linked through another list's record"))];
            }
        }

        return new CrossListLinks(linked);
    }

    [GeneratedRegex(@"\bUN\s*Ref(?:erence)?\.?\s*(?:No\.?|#|:)?\s*([A-Z]{2}[ie]\.\d{3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnReference();

    // The key of a UN-designated party's name: its words folded, in order of the alphabet.
    private static string UnDesignatedName(string name) =>
        "UN designation " + string.Join(' ', NameNormalizer.Tokenize(name).Order(StringComparer.Ordinal));
}

using System.Globalization;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists.Store;

namespace Interdict.Monitoring;

/// <summary>How a monitoring run screens.</summary>
public sealed record MonitorOptions
{
    /// <summary>The lists to screen against (null: every list the library screens by default).</summary>
    public IReadOnlyList<string>? Lists { get; init; }

    /// <summary>The name-score threshold for an alert.</summary>
    public double Threshold { get; init; } = ScreeningOptions.DefaultThreshold;

    /// <summary>The share owned by listed parties from which a lower-priority ownership alert is raised (50% and more: high).</summary>
    public double OwnershipAlertPercent { get; init; } = 25;

    /// <summary>The matcher version.</summary>
    public MatcherVersion Matcher { get; init; } = MatcherVersion.Current;
}

/// <summary>What a run screened, and why.</summary>
/// <param name="RunId">The run's number.</param>
/// <param name="Lists">Each list's version screened against.</param>
/// <param name="FirstRun">True when no run came before: every party was screened against everything.</param>
/// <param name="PartiesScreenedInFull">Parties screened against every listed entity (new or changed since the last run, or all on the first run).</param>
/// <param name="PartiesScreenedAgainstChanges">Parties screened only against the entities added or changed since the last run.</param>
/// <param name="EntitiesAdded">Listed entities added since the last run.</param>
/// <param name="EntitiesChanged">Listed entities changed since the last run.</param>
/// <param name="EntitiesRemoved">Listed entities removed since the last run.</param>
/// <param name="Opened">Alerts raised by this run.</param>
/// <param name="Closed">Alerts closed by this run.</param>
/// <param name="ToReview">
/// Confirmed true matches whose ground went away in this run (the listed party was delisted, or the customer is no
/// longer owned by listed parties): they stay confirmed, for a person to decide whether the block can be lifted, and
/// say so in their history and to the webhooks.
/// </param>
public sealed record MonitorReport(long RunId, IReadOnlyDictionary<string, string> Lists, bool FirstRun, int PartiesScreenedInFull, int PartiesScreenedAgainstChanges,
    int EntitiesAdded, int EntitiesChanged, int EntitiesRemoved, IReadOnlyList<MonitorAlert> Opened, IReadOnlyList<MonitorAlert> Closed, IReadOnlyList<MonitorAlert> ToReview);

/// <summary>
/// A monitoring run: screens what changed since the last run, records alerts, applies the 50% rule. On the first run
/// every party is screened against every listed entity. After that, parties added or changed since the last run are
/// screened against everything; every other party only against the listed entities added or changed since (an index of
/// just those entities, through which the registry is streamed); alerts on entities removed from their list are closed.
/// </summary>
public sealed class MonitorRunner(MonitorStore store, ListLibrary library, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs once.</summary>
    public MonitorReport Run(MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // One run at a time across replicas: this one starts from whatever the one before it recorded.
        using var runLock = store.LockRuns();
        var ids = options.Lists is { Count: > 0 } selected ? selected : library.Sources();
        var versions = ids.Select(id => (Id: id, Version: library.InForce(id))).ToList();
        var lists = versions.Select(v => library.Load(v.Version)).ToList();
        var labels = versions.ToDictionary(v => v.Id, v => v.Version.Label, StringComparer.Ordinal);
        var engine = new ScreeningEngine(lists, options.Matcher);
        var screening = new ScreeningOptions { Threshold = options.Threshold, Limit = 50 };

        var last = store.LastRun();
        var parties = store.Parties();
        var partySeq = store.PartySeq;
        var changedParties = parties.Where(p => last is null || p.Seq > last.PartySeq).Select(p => p.Party).ToList();
        var changedIds = changedParties.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

        // What changed in the lists since the last run: entity id -> why.
        var entityReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, changed = 0;
        if (last is not null)
        {
            for (var i = 0; i < versions.Count; i++)
            {
                var (id, version) = versions[i];
                if (last.Lists.TryGetValue(id, out var before) && before == version.Label)
                {
                    continue;
                }

                if (before is null)
                {
                    // A list monitored for the first time: every entity of it is new to the registry.
                    foreach (var e in lists[i].Entities)
                    {
                        entityReasons[e.Id] = "new designation";
                    }

                    added += lists[i].Entities.Count;
                    continue;
                }

                var diff = ListDiff.Compute(library.Load(library.Find(id, before)), lists[i]);
                foreach (var a in diff.Added)
                {
                    entityReasons[a.EntityId] = "new designation";
                }

                foreach (var c in diff.Changed)
                {
                    entityReasons[c.EntityId] = "listed entity changed";
                }

                removed.UnionWith(diff.Removed.Select(r => r.EntityId));
                (added, changed) = (added + diff.Added.Count, changed + diff.Changed.Count);
            }
        }

        // Screen: changed parties against everything; the others against the changed entities only.
        var hits = new Dictionary<(string Party, string Key), (ScreeningHit Hit, IReadOnlyList<string> Ids, string Reason)>();
        var names = parties.ToDictionary(p => p.Party.Id, p => p.Party.Name, StringComparer.Ordinal);
        void Keep(Party party, ScreeningHit hit, string reason)
        {
            var cluster = engine.Links.For(hit.EntityId).Select(l => l.EntityId).Where(id => ids.Contains(id[..id.LastIndexOf(':')])).Append(hit.EntityId)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var key = (party.Id, cluster[0]);
            if (!hits.TryGetValue(key, out var seen) || hit.Score > seen.Hit.Score)
            {
                hits[key] = (hit, cluster, reason);
            }
        }

        var full = last is null ? parties.Select(p => p.Party).ToList() : changedParties;
        Screen(engine, full, screening, (p, h) => Keep(p, h, last is null ? "initial screening" : "customer changed"));
        var deltaEntities = lists.Select(l => l with { Entities = [.. l.Entities.Where(e => entityReasons.ContainsKey(e.Id))] }).Where(l => l.Entities.Count > 0).ToList();
        var others = parties.Select(p => p.Party).Where(p => !changedIds.Contains(p.Id) && last is not null).ToList();
        if (deltaEntities.Count > 0 && others.Count > 0)
        {
            var delta = new ScreeningEngine(deltaEntities, options.Matcher);
            Screen(delta, others, screening, (p, h) => Keep(p, h, entityReasons[h.EntityId]));
        }

        // Close what no longer holds.
        var alerts = store.Alerts(all: true);
        var open = alerts.Where(a => a.Status == "open").ToList();
        var closes = new List<(string Party, string Key, string Reason)>();
        foreach (var a in open.Where(a => a.Kind == "name"))
        {
            if (a.EntityIds.All(removed.Contains))
            {
                closes.Add((a.PartyId, a.Key, "the listed party was removed from its list"));
            }
            else if (!names.ContainsKey(a.PartyId))
            {
                closes.Add((a.PartyId, a.Key, "customer removed from the registry"));
            }
            else if (changedIds.Contains(a.PartyId) && !hits.ContainsKey((a.PartyId, a.Key)))
            {
                closes.Add((a.PartyId, a.Key, "customer changed: no longer matches"));
            }
            else if (a.EntityIds.Any(entityReasons.ContainsKey) && !hits.ContainsKey((a.PartyId, a.Key)))
            {
                closes.Add((a.PartyId, a.Key, "listed entity changed: no longer matches"));
            }
        }

        // A pair decided a false positive is raised again only because the customer or the entity changed: say so.
        string Reason(string party, string key, string reason) =>
            store.FalsePositive(party, key) is { } decided && !open.Any(a => a.PartyId == party && a.Key == key)
                ? $"reopened after the false-positive decision on alert {decided}: {reason}"
                : reason;
        var opens = hits.Select(kv => new AlertWrite(kv.Key.Party, names[kv.Key.Party], kv.Key.Key, "name", "high", kv.Value.Ids, Math.Round(kv.Value.Hit.Score, 4),
            Reason(kv.Key.Party, kv.Key.Key, kv.Value.Reason), JsonSerializer.Serialize(kv.Value.Hit, ScreeningJson.Compact))).ToList();

        // The 50% rule: parties owned by those that match a listed party (after this run's changes).
        var closedKeys = closes.Select(c => (c.Party, c.Key)).ToHashSet();
        var listed = open.Where(a => a.Kind == "name" && !closedKeys.Contains((a.PartyId, a.Key))).Select(a => a.PartyId)
            .Concat(opens.Select(o => o.PartyId)).ToHashSet(StringComparer.Ordinal);
        var shares = Ownership.Shares(store.Links(), listed).Where(s => s.Percent >= options.OwnershipAlertPercent).ToList();
        foreach (var s in shares)
        {
            var owners = s.Paths.Select(p => p.Parties[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var paths = s.Paths.Select(p => string.Join(" -> ", p.Parties.Select((id, i) => i == 0 ? $"{id} ({names[id]})" : $"{p.Percents[i - 1].ToString("0.##", CultureInfo.InvariantCulture)}% {id} ({names[id]})"))
                + $" = {p.Share.ToString("0.##", CultureInfo.InvariantCulture)}%").ToList();
            var details = JsonSerializer.Serialize(new { percent = Math.Round(s.Percent, 2), rule = s.Percent >= 50 ? "owned 50% or more by listed parties: blocked" : $"owned {options.OwnershipAlertPercent}% or more by listed parties", paths }, ScreeningJson.Compact);
            opens.Add(new AlertWrite(s.PartyId, names[s.PartyId], "ownership", "ownership", s.Percent >= 50 ? "high" : "low", owners, Math.Round(s.Percent / 100, 4), "ownership", details));
        }

        var owned = shares.Select(s => s.PartyId).ToHashSet(StringComparer.Ordinal);
        closes.AddRange(open.Where(a => a.Kind == "ownership" && !owned.Contains(a.PartyId)).Select(a => (a.PartyId, a.Key, "no longer owned by listed parties above the threshold")));

        // A confirmed true match is never lifted by a run: when its ground goes away, a person is told to review it.
        var review = alerts.Where(a => a.Status == "confirmed" && (a.Kind == "name"
                ? a.EntityIds.All(removed.Contains)
                : !owned.Contains(a.PartyId) && store.HistoryOf(a.Id) is var steps && (steps.Count == 0 || steps[^1].Step != "to review")))
            .Select(a => (Alert: a, Reason: a.Kind == "name"
                ? "the listed party was removed from its list: review whether the block can be lifted"
                : "no longer owned by listed parties above the threshold: review whether the block can be lifted"))
            .ToList();

        var summary = JsonSerializer.Serialize(new { lists = labels, first_run = last is null, parties_full = full.Count, parties_delta = deltaEntities.Count > 0 ? others.Count : 0, added, changed, removed = removed.Count });
        var runId = store.Record(_time.GetUtcNow(), labels, partySeq, summary, _ => new RunWrites(opens, closes, review));
        // An alert kept open is updated, not raised again: the run's own alerts are those it opened.
        var now = store.Alerts(all: true);
        return new MonitorReport(runId, labels, last is null, full.Count, deltaEntities.Count > 0 ? others.Count : 0, added, changed, removed.Count,
            [.. now.Where(a => a.OpenedRun == runId)], [.. now.Where(a => a.ClosedRun == runId)], [.. now.Where(a => review.Any(r => r.Alert.Id == a.Id))]);
    }

    private static void Screen(ScreeningEngine engine, List<Party> parties, ScreeningOptions options, Action<Party, ScreeningHit> keep)
    {
        var results = new ScreeningHit[parties.Count][];
        Parallel.For(0, parties.Count, i =>
        {
            var p = parties[i];
            var built = QueryPolicy.Build(new QueryInput(p.Name, p.Type, p.Dob, p.Country, p.Identifier));
            results[i] = built.Query is { } q ? [.. engine.Screen(q, options).Hits] : [];
        });
        for (var i = 0; i < parties.Count; i++)
        {
            foreach (var h in results[i])
            {
                keep(parties[i], h);
            }
        }
    }
}

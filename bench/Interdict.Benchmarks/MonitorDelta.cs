using System.Diagnostics;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists;
using Interdict.Lists.Custom;

namespace Interdict.Benchmarks;

/// <summary>
/// Issue #23's question, measured: after a list update, is it cheaper to stream the registry through an index of the
/// changed entities only (what <c>monitor run</c> does), or to index the registry and look each changed entity's names
/// up in it? <c>monitor-delta REGISTRY.csv OLD_SDN.csv NEW_SDN.csv [--parties N]</c>: the registry's first N parties
/// (every one by default), the OFAC SDN files before and after; both ways timed, with the memory each holds and the
/// (customer, entity) pairs each finds at the default threshold.
/// </summary>
internal static class MonitorDelta
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: monitor-delta REGISTRY.csv OLD_SDN.csv NEW_SDN.csv [--parties N]");
            return 2;
        }

        var limit = args.SkipWhile(a => a != "--parties").Skip(1).Select(int.Parse).FirstOrDefault(int.MaxValue);
        static WatchList Sdn(string path) => ListSources.Read("ofac-sdn", [new ListFileContent("sdn.csv", File.ReadAllBytes(path))]);
        var diff = ListDiff.Compute(Sdn(args[1]), Sdn(args[2]));
        var after = Sdn(args[2]);
        var changedIds = diff.Added.Select(a => a.EntityId).Concat(diff.Changed.Select(c => c.EntityId)).ToHashSet(StringComparer.Ordinal);
        var changed = after with { Entities = [.. after.Entities.Where(e => changedIds.Contains(e.Id))] };

        // The registry read as a custom list (its columns are a custom list's: id,name,type,dob,country), cut to N parties.
        WatchList registry;
        using (var file = File.OpenRead(args[0]))
        {
            registry = CustomListReader.Read(file, Path.GetFileName(args[0]), "registry");
        }

        registry = registry with { Entities = [.. registry.Entities.Take(limit)] };
        Console.WriteLine($"{registry.Entities.Count:N0} parties; {changed.Entities.Count:N0} entities added or changed ({diff.Added.Count} added, {diff.Changed.Count} changed)");
        var options = new ScreeningOptions { Limit = 50 };

        // A: the registry streamed through an index of the changed entities.
        var (streamTime, streamBytes, streamPairs) = Measure(() =>
        {
            var engine = new ScreeningEngine([changed]);
            var pairs = new int[registry.Entities.Count];
            Parallel.For(0, registry.Entities.Count, i =>
            {
                var p = registry.Entities[i];
                var query = QueryPolicy.Build(new QueryInput(p.Name, Kind(p.Kind), First(p.DatesOfBirth)?.Text, First(p.Nationalities))).Query;
                pairs[i] = query is null ? 0 : engine.Screen(query, options).Hits.Count;
            });
            return (engine, pairs.Sum());
        });

        // B: an index of the registry, each changed entity's names looked up in it.
        var (indexTime, indexBytes, indexPairs) = Measure(() =>
        {
            var engine = new ScreeningEngine([registry]);
            var found = new HashSet<(string, string)>[changed.Entities.Count];
            Parallel.For(0, changed.Entities.Count, i =>
            {
                var e = changed.Entities[i];
                found[i] = [];
                foreach (var name in e.Names.Select(n => n.Value).Prepend(e.Name).Distinct(StringComparer.Ordinal))
                {
                    var query = QueryPolicy.Build(new QueryInput(name, Kind(e.Kind), First(e.DatesOfBirth)?.Text, First(e.Nationalities))).Query;
                    if (query is not null)
                    {
                        found[i].UnionWith(engine.Screen(query, options).Hits.Select(h => (h.EntityId, e.Id)));
                    }
                }
            });
            return (engine, found.Sum(f => f.Count));
        });

        Console.WriteLine($"A stream the registry through the changed entities: {streamTime.TotalSeconds:F1} s, {streamBytes / 1e6:F0} MB held, {streamPairs:N0} pairs");
        Console.WriteLine($"B index the registry, look the changed entities up: {indexTime.TotalSeconds:F1} s, {indexBytes / 1e6:F0} MB held, {indexPairs:N0} pairs");
        Console.WriteLine($"B/A: time {indexTime / streamTime:F2}x, memory {(double)indexBytes / streamBytes:F1}x");
        return 0;
    }

    private static string? Kind(EntityKind kind) => kind switch
    {
        EntityKind.Person => "person",
        EntityKind.Vessel => "vessel",
        EntityKind.Aircraft => "aircraft",
        EntityKind.Organization => "organization",
        _ => null,
    };

    private static T? First<T>(IReadOnlyList<T> values) => values.Count > 0 ? values[0] : default;

    private static (TimeSpan Time, long Bytes, int Pairs) Measure(Func<(object Kept, int Pairs)> run)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var (kept, pairs) = run();
        var time = clock.Elapsed;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(kept);
        return (time, held, pairs);
    }
}

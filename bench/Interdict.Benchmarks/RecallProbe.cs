using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// The index's recall against exhaustive scoring on the throughput harness's query mix (listed names with a letter
/// deleted, unlisted names), at the default threshold, with up to 15 of the hits it misses.
/// Usage: recall [N=600]
/// </summary>
internal static class RecallProbe
{
    public static int Run(string[] args)
    {
        var lists = ListSources.Ids.Select(BundledLists.Load).ToList();
        var engine = new ScreeningEngine(lists);
        var queries = Throughput.MakeQueries(lists[0], args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 600);
        int all = 0, found = 0;
        var missed = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(queries, q =>
        {
            var mine = engine.Screen(q).Hits.Select(h => h.EntityId).ToHashSet();
            foreach (var h in engine.Screen(q, new ScreeningOptions { Exhaustive = true }).Hits)
            {
                Interlocked.Increment(ref all);
                if (mine.Contains(h.EntityId))
                {
                    Interlocked.Increment(ref found);
                }
                else
                {
                    missed.Add($"{q.Name} -> {h.EntityId} {h.MatchedName} {h.Score}");
                }
            }
        });
        Console.WriteLine($"index recall {found} of {all} ({(double)found / all:P2})");
        foreach (var m in missed.Take(15))
        {
            Console.WriteLine("  " + m);
        }

        return 0;
    }
}

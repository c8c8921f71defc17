namespace Interdict.Monitoring;

/// <summary>One chain of holdings from a listed owner down to a party: the parties in order and the share at each step.</summary>
/// <param name="Parties">The parties from the listed owner to the owned party.</param>
/// <param name="Percents">The share held at each step (one fewer than the parties).</param>
public sealed record OwnershipPath(IReadOnlyList<string> Parties, IReadOnlyList<double> Percents)
{
    /// <summary>The share the path gives the first party in the last: the steps' shares multiplied.</summary>
    public double Share => Percents.Aggregate(100.0, (s, p) => s * p / 100);
}

/// <summary>How much of a party listed parties own, and through which chains.</summary>
/// <param name="PartyId">The owned party.</param>
/// <param name="Percent">The aggregate share held by listed parties, 0 to 100.</param>
/// <param name="Paths">Every chain that contributes to it.</param>
public sealed record OwnedShare(string PartyId, double Percent, IReadOnlyList<OwnershipPath> Paths);

/// <summary>
/// The 50% rule over the registry's ownership graph: a party's share held by listed parties is the sum, over every
/// chain from a listed party down to it, of the shares multiplied along the chain. A chain stops at the first listed
/// party it meets (that party's own holdings count from it, so nothing is counted twice), never visits a party twice
/// (cycles are cut) and is at most <see cref="MaxDepth"/> steps long.
/// </summary>
public static class Ownership
{
    /// <summary>The longest chain followed.</summary>
    public const int MaxDepth = 10;

    /// <summary>The share listed parties hold in each party they hold any of (listed parties themselves left out).</summary>
    public static IReadOnlyList<OwnedShare> Shares(IReadOnlyCollection<OwnershipLink> links, IReadOnlySet<string> listed)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(listed);
        var holdings = links.GroupBy(l => l.OwnerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var paths = new Dictionary<string, List<OwnershipPath>>(StringComparer.Ordinal);
        foreach (var owner in listed.Order(StringComparer.Ordinal))
        {
            var stack = new List<string> { owner };
            var percents = new List<double>();
            void Walk(string from)
            {
                if (!holdings.TryGetValue(from, out var held) || percents.Count >= MaxDepth)
                {
                    return;
                }

                foreach (var link in held.OrderBy(l => l.OwnedId, StringComparer.Ordinal))
                {
                    if (stack.Contains(link.OwnedId, StringComparer.Ordinal) || listed.Contains(link.OwnedId) || link.Percent <= 0)
                    {
                        continue;
                    }

                    stack.Add(link.OwnedId);
                    percents.Add(link.Percent);
                    (paths.TryGetValue(link.OwnedId, out var list) ? list : paths[link.OwnedId] = []).Add(new OwnershipPath([.. stack], [.. percents]));
                    Walk(link.OwnedId);
                    stack.RemoveAt(stack.Count - 1);
                    percents.RemoveAt(percents.Count - 1);
                }
            }

            Walk(owner);
        }

        return [.. paths.Select(kv => new OwnedShare(kv.Key, Math.Min(100, kv.Value.Sum(p => p.Share)), kv.Value)).OrderBy(s => s.PartyId, StringComparer.Ordinal)];
    }
}

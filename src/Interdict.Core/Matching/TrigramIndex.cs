using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Interdict.Core.Matching;

/// <summary>
/// An inverted index from character trigrams of name parts (padded with a space at each end) to the names containing them.
/// Retrieval counts shared trigrams, which tolerates word order and typos, and passes on the names sharing enough of them.
/// </summary>
internal sealed class TrigramIndex
{
    private const int Alphabet = 37; // space, a-z, 0-9: the folded alphabet.
    private const int CodeCount = Alphabet * Alphabet * Alphabet;

    // Posting lists at least this long (and at least a 64th of all names, so that the bitset is at most twice the list's
    // size) also get a bitset over the names: retrieval tests the few names still in the running against a common trigram
    // without walking its whole list.
    private const int DenseFrom = 1024;

    // How many postings ahead the rare lists' loop prefetches a tally (+0.3-1.3%, pinned A/B).
    private const int PrefetchAhead = 16;

    // Rarity weights: an index of fewer names is weighed as if it had this many; no trigram weighs less than MinWeight
    // (one on every other name weighs 0.69).
    private const int RarityBase = 1000;
    private const float MinWeight = 1e-3f;

    private readonly int[][] _postings;
    private readonly ulong[]?[] _dense;
    private readonly int _count;
    private readonly float[]? _idf;
    private readonly float[]? _nameWeight;

    // Per thread and index: each name's weight shared with the current query beside its own weight, so that both are read
    // with one memory access (retrieval reads them for thousands of names in no order).
    [ThreadStatic]
    private static System.Runtime.CompilerServices.ConditionalWeakTable<TrigramIndex, Tally[]>? t_tallies;

    [ThreadStatic]
    private static int[]? t_counts;

    /// <summary>
    /// Indexes the names. With <paramref name="weighted"/> (matcher 1.2.0), trigrams count by their rarity (inverse
    /// document frequency): sharing "ing" or " al" with a listed name says less than sharing "lei".
    /// </summary>
    public TrigramIndex(IReadOnlyList<string[]> names, bool weighted = false)
    {
        _count = names.Count;
        var lists = new List<int>?[CodeCount];
        for (var n = 0; n < names.Count; n++)
        {
            foreach (var code in Codes(names[n]))
            {
                (lists[code] ??= []).Add(n);
            }
        }

        _postings = new int[CodeCount][];
        _dense = new ulong[]?[CodeCount];
        for (var i = 0; i < CodeCount; i++)
        {
            _postings[i] = lists[i]?.ToArray() ?? [];
            if (weighted && _postings[i].Length >= Math.Max(DenseFrom, _count / 64))
            {
                var bits = _dense[i] = new ulong[(_count + 63) / 64];
                foreach (var n in _postings[i])
                {
                    bits[n >> 6] |= 1UL << n;
                }
            }
        }

        if (weighted)
        {
            _idf = new float[CodeCount];
            for (var i = 0; i < CodeCount; i++)
            {
                // A small index is weighed as if it were part of one of RarityBase names: in a few names, how many have a
                // trigram says little of its rarity (in an index of one name every trigram is on every name and would
                // weigh 0, and a query's trigrams that it does not have would outweigh all that it has). Never 0 either:
                // a name with no weight could not be told from an untouched one.
                _idf[i] = Math.Max(MinWeight, (float)Math.Log((Math.Max(_count, RarityBase) + 1.0) / (_postings[i].Length + 1.0)));
            }

            // A name's weight is the sum of its distinct trigrams' weights: read off the posting lists just built.
            _nameWeight = new float[_count];
            for (var code = 0; code < CodeCount; code++)
            {
                foreach (var n in _postings[code])
                {
                    _nameWeight[n] += _idf[code];
                }
            }
        }
    }

    /// <summary>How many posting lists also have a bitset (those of the commonest trigrams).</summary>
    public int BitsetCount => _dense.Count(d => d is not null);

    /// <summary>The distinct trigram codes of a tokenised name, in ascending order.</summary>
    public static int[] Codes(string[] tokens)
    {
        // Built in a span, sorted and deduplicated: made for every screen, with one allocation (the result) and no hash
        // set; the ascending order lets callers test membership by binary search.
        var length = 0;
        foreach (var token in tokens)
        {
            length += token.Length + 1;
        }

        Span<int> codes = length <= 512 ? stackalloc int[length] : new int[length];
        var count = 0;
        foreach (var token in tokens)
        {
            count += WriteCodes(token, codes[count..]);
        }

        codes = codes[..count];
        codes.Sort();
        var distinct = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            if (distinct == 0 || codes[i] != codes[distinct - 1])
            {
                codes[distinct++] = codes[i];
            }
        }

        return codes[..distinct].ToArray();
    }

    /// <summary>
    /// Names sharing at least <paramref name="minShare"/> of the query's trigrams, the best <paramref name="max"/> of them,
    /// as (name index, shared trigram count).
    /// </summary>
    /// <remarks>
    /// Weighted (1.2.0): only names whose weighted Dice similarity to the query is at least <paramref name="minDice"/>.
    /// </remarks>
    /// <remarks>
    /// <paramref name="light"/>: trigrams that only the query's legal forms and generic words have, counted at
    /// <paramref name="lightFactor"/> of their weight (they weigh little in the name score too).
    /// </remarks>
    public List<(int Name, int Shared)> Candidates(int[] queryCodes, double minShare, int max, double minDice = 0, int[]? light = null, float lightFactor = 1)
    {
        if (_idf is not null)
        {
            return WeightedCandidates(queryCodes, minShare, max, minDice, light, lightFactor);
        }

        var result = new List<(int, int)>();
        if (queryCodes.Length == 0)
        {
            return result;
        }

        var counts = t_counts is { } c && c.Length >= _count ? c : t_counts = new int[_count];
        var touched = new List<int>();
        foreach (var code in queryCodes)
        {
            foreach (var n in _postings[code])
            {
                if (counts[n]++ == 0)
                {
                    touched.Add(n);
                }
            }
        }

        var needed = Math.Max(1, (int)Math.Ceiling(queryCodes.Length * minShare));
        foreach (var n in touched)
        {
            if (counts[n] >= needed)
            {
                result.Add((n, counts[n]));
            }

            counts[n] = 0;
        }

        if (result.Count > max)
        {
            result.Sort(static (a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : a.Item1.CompareTo(b.Item1));
            result.RemoveRange(max, result.Count - max);
        }

        return result;
    }

    [ThreadStatic]
    private static int[]? t_touched;

    [ThreadStatic]
    private static List<(int, int)>? t_kept;

    [ThreadStatic]
    private static LiveName[]? t_live;

    // Rarity-weighted retrieval (1.2.0): the names holding at least minShare of the query's trigram weight, the best max
    // of them by weighted Dice similarity (the second field, in millionths).
    private List<(int Name, int Shared)> WeightedCandidates(int[] queryCodes, double minShare, int max, double minDice, int[]? light, float lightFactor)
    {
        if (queryCodes.Length == 0)
        {
            return [];
        }

        // Kept names are gathered in a per-thread list that keeps its capacity, then copied out once: growing a new list
        // to hundreds of names for every query cost as much as a tenth of a screen.
        var result = t_kept ??= new List<(int, int)>(1024);
        result.Clear();

        var idf = _idf!;
        var tallies = (t_tallies ??= []).GetValue(this, static index => [.. index._nameWeight!.Select(w => new Tally { NameWeight = w })]);
        var touched = t_touched is { } tb && tb.Length > _count ? tb : t_touched = new int[_count + 1]; // + 1: written before counted
        var touchedCount = 0;
        var total = 0f;
        Span<int> ordered = queryCodes.Length <= 256 ? stackalloc int[queryCodes.Length] : new int[queryCodes.Length];
        var k = 0;
        foreach (var code in queryCodes)
        {
            total += Weight(idf, light, lightFactor, code);
            ordered[k++] = code;
        }

        // Rarest trigrams first. Once the weight still to come is less than minShare of the total, a name not yet touched
        // can no longer qualify: the remaining (common, long) posting lists then only add weight to the names already
        // touched, and only to those that can still qualify with all the weight still to come ("live"; most touched
        // names cannot, and fewer with every list). Each list is then read the cheapest way: a bit per name for the
        // longest lists, a binary search per live name, or a walk of the list.
        ordered.Sort(new ByRarity(idf));
        var remaining = total;
        var needed = total * minShare;
        // Float sums in another order may differ in their last bits: a name is dropped only when clearly out of reach.
        var margin = 1e-4f * total;
        Span<LiveName> live = default; // set when the first common list is read
        var liveCount = -1;
        foreach (var code in ordered)
        {
            var weight = Weight(idf, light, lightFactor, code);
            var postings = _postings[code];
            if (remaining >= needed)
            {
                // A name met for the first time here can hold at most the weight still to come: if even that cannot meet
                // the Dice cut against its own weight, it can never qualify and is left untouched (long names met late).
                var ownLimit = minDice > 0 ? (float)((2 * (remaining + margin) / minDice) - total + margin) : float.PositiveInfinity;
                touchedCount = AddRare(postings, tallies, touched, touchedCount, weight, ownLimit);
                remaining -= weight;
                continue;
            }

            var rest = remaining - weight;
            var bits = _dense[code];
            if (liveCount < 0)
            {
                // The first common list: the touched names still in reach are copied with their weights to the live list,
                // which the later lists then read in order instead of all over the tallies (a list with a bitset is read
                // in the same pass).
                live = (t_live is { } l && l.Length >= _count ? l : t_live = new LiveName[_count]).AsSpan();
                liveCount = Gather(touched.AsSpan(0, touchedCount), tallies, live, bits, weight, needed, total, minDice, (bits is null ? remaining : rest) + margin);
                if (bits is not null)
                {
                    remaining = rest;
                    continue;
                }
            }

            if (bits is not null)
            {
                liveCount = AddBits(live[..liveCount], bits, weight, rest + margin);
            }
            else if (liveCount * Math.Log2(postings.Length + 1) < postings.Length)
            {
                foreach (ref var name in live[..liveCount])
                {
                    if (Array.BinarySearch(postings, name.Name) >= 0)
                    {
                        name.Shared += weight;
                    }
                }

                liveCount = KeepInReach(live[..liveCount], rest + margin);
            }
            else
            {
                // A short list against many live names: walked, its weight added through the tallies (touched names are
                // the ones whose tally is not 0), the live names' weights put there first and read back after.
                foreach (ref readonly var name in live[..liveCount])
                {
                    tallies[name.Name].Weight = name.Shared;
                }

                foreach (var n in postings)
                {
                    if (tallies[n].Weight != 0)
                    {
                        tallies[n].Weight += weight;
                    }
                }

                foreach (ref var name in live[..liveCount])
                {
                    name.Shared = tallies[name.Name].Weight;
                }
            }

            remaining = rest;
        }

        // Kept: names holding enough of the query's weight. Ranked by weighted Dice, so that among the many names sharing
        // "muhammad" and "hasan" those closest in length to the query come first.
        if (liveCount < 0)
        {
            foreach (var n in touched.AsSpan(0, touchedCount))
            {
                Keep(result, n, tallies[n].Weight, tallies[n].NameWeight, needed, total, minDice);
            }
        }
        else
        {
            foreach (ref readonly var name in live[..liveCount])
            {
                Keep(result, name.Name, name.Shared, name.Own, needed, total, minDice);
            }
        }

        for (var t = 0; t < touchedCount; t++)
        {
            tallies[touched[t]].Weight = 0;
        }

        if (result.Count > max)
        {
            result.Sort(static (a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : a.Item1.CompareTo(b.Item1));
            result.RemoveRange(max, result.Count - max);
        }

        return [.. result];
    }

    // Keeps a name holding enough of the query's weight, with its weighted Dice similarity in millionths.
    private static void Keep(List<(int, int)> result, int name, float shared, float own, double needed, float total, double minDice)
    {
        if (shared >= needed && shared > 0 && 2 * shared / (total + own) >= minDice)
        {
            result.Add((name, (int)(2_000_000 * shared / (total + own))));
        }
    }

    // A trigram's weight in a query: lighter if only the query's legal forms and generic words have it.
    private static float Weight(float[] idf, int[]? light, float lightFactor, int code) =>
        light is not null && Array.BinarySearch(light, code) >= 0 ? idf[code] * lightFactor : idf[code];

    // Adds a rare trigram's weight to the names on its list. Without branches (a name is new about as often as not, which a
    // branch predicts badly): the name is always written to `touched`, and counted only if new and its own weight is at
    // most `ownLimit`; the weight is added unless the name is new and over that limit. A method of its own, so that the
    // loop's variables stay in registers; no bounds checks: the list's names are below the tallies' length, and `touched`
    // has room for every name plus one. The tally a few postings ahead is prefetched.
    private static unsafe int AddRare(int[] postings, Tally[] tallies, int[] touched, int touchedCount, float weight, float ownLimit)
    {
        ref var tally0 = ref MemoryMarshal.GetArrayDataReference(tallies);
        ref var touched0 = ref MemoryMarshal.GetArrayDataReference(touched);
        for (var k = 0; k < postings.Length; k++)
        {
            if (Sse.IsSupported && k + PrefetchAhead < postings.Length)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref tally0, postings[k + PrefetchAhead])));
            }

            var n = postings[k];
            ref var tally = ref Unsafe.Add(ref tally0, n);
            var fresh = BitConverter.SingleToInt32Bits(tally.Weight) == 0 ? 1 : 0; // weights are positive: 0 is untouched
            var fits = tally.NameWeight <= ownLimit ? 1 : 0;
            Unsafe.Add(ref touched0, touchedCount) = n;
            touchedCount += fresh & fits;
            tally.Weight += weight * ((fresh ^ 1) | fits);
        }

        return touchedCount;
    }

    // Copies the touched names that can still qualify with `reach` more weight to the live list, with their shared and own
    // weights (plus the first common list's, if it has a bitset) and the weight each needs in all to qualify (minShare of
    // the query's, and the Dice cut against its own); returns how many. Without branches, as KeepInReach. (Copying all and
    // dropping those out of reach in a second loop was 2-5% slower in this form.)
    private static int Gather(ReadOnlySpan<int> touched, Tally[] tallies, Span<LiveName> live, ulong[]? bits, float weight, double needed, float total, double minDice, float reach)
    {
        var kept = 0;
        for (var t = 0; t < touched.Length; t++)
        {
            var n = touched[t];
            var tally = tallies[n];
            var shared = bits is null ? tally.Weight : tally.Weight + (weight * (int)((bits[n >> 6] >> n) & 1));
            // 2 * shared >= minDice * (total + own), as Keep tests it, is shared >= minDice * (total + own) / 2.
            var goal = (float)Math.Max(needed, minDice * (total + tally.NameWeight) / 2);
            live[kept] = new LiveName { Name = n, Shared = shared, Own = tally.NameWeight, Goal = goal };
            kept += shared + reach >= goal ? 1 : 0;
        }

        return kept;
    }

    // Adds the weight of a common list with a bitset to the live names, and keeps those still in reach.
    private static int AddBits(Span<LiveName> live, ulong[] bits, float weight, float reach)
    {
        foreach (ref var name in live)
        {
            name.Shared += weight * (int)((bits[name.Name >> 6] >> name.Name) & 1);
        }

        return KeepInReach(live, reach);
    }

    // Moves the live names that can still qualify with `reach` more weight (the weight still to come and the margin) to
    // the front, in order, and returns how many (without branches: each name is written, and counted only if in reach).
    // A name's goal is rounded to a float; the margin, over a thousand times larger than that rounding, still keeps every
    // name that can qualify.
    private static int KeepInReach(Span<LiveName> live, float reach)
    {
        var kept = 0;
        for (var x = 0; x < live.Length; x++)
        {
            var name = live[x];
            live[kept] = name;
            kept += name.Shared + reach >= name.Goal ? 1 : 0;
        }

        return kept;
    }

    // Writes the codes of one token (" ab", "abc", ..., "yz ": padding lets short tokens and word edges count), one per
    // letter and one for the end; returns how many.
    private static int WriteCodes(string token, Span<int> codes)
    {
        var prev2 = 0;
        var prev1 = 0;
        var count = 0;
        for (var i = 0; i <= token.Length; i++)
        {
            var cur = i < token.Length ? Symbol(token[i]) : 0;
            if (i >= 1)
            {
                codes[count++] = (((prev2 * Alphabet) + prev1) * Alphabet) + cur;
            }

            prev2 = prev1;
            prev1 = cur;
        }

        return count;
    }

    private static int Symbol(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a' + 1,
        >= '0' and <= '9' => c - '0' + 27,
        _ => 0,
    };

    // A name still in reach once the common trigrams are read: its shared weight so far and its own weight.
    private struct LiveName
    {
        public int Name;
        public float Shared;
        public float Own;

        // The weight the name must hold to qualify.
        public float Goal;
    }

    private struct Tally
    {
        public float Weight;
        public float NameWeight;
    }

    // Rarest (heaviest) trigram first.
    private readonly struct ByRarity(float[] idf) : IComparer<int>
    {
        public int Compare(int a, int b) => idf[b].CompareTo(idf[a]);
    }
}

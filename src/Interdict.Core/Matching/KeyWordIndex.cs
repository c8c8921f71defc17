using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>
/// Matcher 2.0.0's candidate retrieval for names written without short vowels (Arabic, Persian, Urdu, Hebrew script),
/// word by word: each listed word's consonant key points to the names that hold it, and a query finds the names that
/// hold a word alike by key to at least two of its words (one, for a query of one word), or one word alike to two of
/// its words joined.
/// </summary>
/// <remarks>
/// Matcher 1.5.0 retrieved such names by the trigrams of their keys. Keys are short ("ahmd", "hsn"), so the trigrams of
/// a common word are shared by thousands of names: every query met the 3,000-candidate cap and cost 38 times a Latin
/// query. A name that holds only one of two query words cannot reach a hit (the other costs in full), so asking for two
/// words prunes where trigrams could not: "حسین موسوی" meets a few dozen names instead of 3,000.
/// </remarks>
internal sealed class KeyWordIndex
{
    // Two keys are alike from this Jaro-Winkler similarity on: the cut of the key comparison in TokenSimilarity.
    private const double MinKeySimilarity = 0.85;

    // Loosely alike: one consonant of three differs after the same first two (lns / lnc).
    private const double MinLooseKeySimilarity = 0.75;

    private readonly string[] _keys;
    private readonly ulong[] _masks;
    private readonly int[][] _names; // names holding each key, ascending, once each
    private readonly Dictionary<char, int[]> _byFirst; // keys by first letter
    private readonly Dictionary<string, int> _ids;
    private readonly int _nameCount;

    // The alike keys of query keys met before: customer files repeat their given and family names, and finding a key's
    // alike keys reads every key of its first letter. Bounded; when full, new keys are looked up without being kept.
    private const int MaxRemembered = 200_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, int Shortest), (int[] Alike, int[] Loose)> _alike = new();

    [ThreadStatic]
    private static int[]? t_covered;

    [ThreadStatic]
    private static int[]? t_seen;

    // The names a query touched (reused per thread: a query in Arabic script touches thousands).
    [ThreadStatic]
    private static List<int>? t_touched;

    // How alike two query words joined must be to a listed word (matcher 2.0.0: as a single word; 2.1.0: as a joined pair
    // must be to pair, MatcherProfile.JoinedKeyCut).
    private readonly double _joinedCut;

    public KeyWordIndex(IReadOnlyList<string[]> keysOfNames, double joinedCut = MinKeySimilarity)
    {
        _joinedCut = joinedCut;
        _nameCount = keysOfNames.Count;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<List<int>>();
        for (var n = 0; n < keysOfNames.Count; n++)
        {
            var keys = keysOfNames[n];
            // Each word, and a short word (a key of one or two consonants) joined to the next, as such words are often
            // written together (AGHA AHMADI: "q" "hmd" and "qhmd", which آقااحمدی writes as one word).
            foreach (var key in keys.Concat(keys.Zip(keys.Skip(1), (a, b) => a.Length is > 0 and <= 2 && b.Length >= 2 ? a + b : "")))
            {
                if (key.Length == 0)
                {
                    continue;
                }

                if (!_ids.TryGetValue(key, out var id))
                {
                    _ids[key] = id = names.Count;
                    names.Add([]);
                }

                if (names[id].Count == 0 || names[id][^1] != n)
                {
                    names[id].Add(n);
                }
            }
        }

        _keys = new string[_ids.Count];
        foreach (var (key, id) in _ids)
        {
            _keys[id] = key;
        }

        _masks = [.. _keys.Select(k => JaroWinkler.LetterMask(k))];
        _names = [.. names.Select(l => l.ToArray())];
        _byFirst = _keys.Select((k, id) => (k, id)).GroupBy(x => x.k[0]).ToDictionary(g => g.Key, g => g.Select(x => x.id).ToArray());
    }

    /// <summary>
    /// The names that hold words alike by key to enough of <paramref name="queryKeys"/>: for a query of two words or more,
    /// one word alike and another at least loosely alike (particles such as "bn" do not count); for one word, that word.
    /// </summary>
    public List<int> Candidates(string[] queryKeys)
    {
        // Particles (bn, bnt: son, daughter of; ابو, abu: "b") do not count; other words of one consonant (علي, Ali: "l")
        // do, found by their key alone. A word alike counts 2, loosely alike 1 (لونيسي "lns" / Lounici "lnc": spellings
        // of one name often differ in a consonant): a name needs 2 for one query word, 3 for more.
        var words = queryKeys.Count(k => k.Length >= 1 && !IsParticle(k));
        var needed = words >= 2 ? 3 : 2;
        var covered = t_covered is { } c && c.Length >= _nameCount ? c : t_covered = new int[_nameCount];
        var seen = t_seen is { } s && s.Length >= _nameCount ? s : t_seen = new int[_nameCount];
        var touched = t_touched ??= new List<int>(4096);
        touched.Clear();
        // Each query word (and each two adjacent words joined) marks the names holding an alike word once: the word
        // with the most names last, and it only adds to names marked before when it cannot reach what a name needs alone.
        var marks = new List<(int[] Alike, int[] Loose, int Weight, long Names)>();
        for (var i = 0; i < queryKeys.Length; i++)
        {
            if (queryKeys[i].Length > 0 && !IsParticle(queryKeys[i]))
            {
                marks.Add(Mark(queryKeys[i], 2, 2, loose: words >= 2));
            }

            if (i + 1 < queryKeys.Length && queryKeys[i].Length + queryKeys[i + 1].Length >= 3)
            {
                // Joined, only against words about as long as both (not against the first alone); counts as two words.
                marks.Add(Mark(queryKeys[i] + queryKeys[i + 1], 4, queryKeys[i].Length + queryKeys[i + 1].Length - 1, loose: false, _joinedCut));
            }
        }

        marks.Sort((a, b) => a.Names.CompareTo(b.Names));
        for (var m = 0; m < marks.Count; m++)
        {
            var onlyMarked = m == marks.Count - 1 && m > 0 && marks[m].Weight < needed;
            var stamp = m + 1;
            // The alike keys first, then the loosely alike at half the weight; a name counts once per mark.
            for (var pass = 0; pass < 2; pass++)
            {
                var weight = pass == 0 ? marks[m].Weight : marks[m].Weight / 2;
                foreach (var id in pass == 0 ? marks[m].Alike : marks[m].Loose)
                {
                    foreach (var n in _names[id])
                    {
                        if (seen[n] == stamp || (onlyMarked && covered[n] == 0))
                        {
                            continue;
                        }

                        seen[n] = stamp;
                        if (covered[n] == 0)
                        {
                            touched.Add(n);
                        }

                        covered[n] += weight;
                    }
                }
            }
        }

        var result = new List<int>(Math.Min(touched.Count, 1024));
        foreach (var n in touched)
        {
            if (covered[n] >= needed)
            {
                result.Add(n);
            }

            covered[n] = 0;
            seen[n] = 0;
        }

        return result;
    }

    private static bool IsParticle(string key) => key is "bn" or "bnt" or "b";

    // The alike and the only loosely alike keys of a query key (remembered), with its weight and how many names they hold.
    private (int[] Alike, int[] Loose, int Weight, long Names) Mark(string key, int weight, int shortest, bool loose, double cut = MinKeySimilarity)
    {
        // A joined key and a single word's key are remembered apart (by shortest: a join's is its length less one).
        if (!_alike.TryGetValue((key, shortest), out var found))
        {
            var alike = Alike(key, shortest, cut).ToArray();
            var looseOnly = key.Length >= 3 ? Alike(key, shortest, MinLooseKeySimilarity).Except(alike).ToArray() : [];
            found = (alike, looseOnly);
            if (_alike.Count < MaxRemembered)
            {
                _alike.TryAdd((key, shortest), found);
            }
        }

        var chosen = loose ? found.Loose : [];
        long names = 0;
        foreach (var id in found.Alike.Concat(chosen))
        {
            names += _names[id].Length;
        }

        return (found.Alike, chosen, weight, names);
    }

    // The ids of the listed keys alike to a query key: the same key, or one of the same first letter, about as long, and
    // a Jaro-Winkler similarity of 0.85 or more; a key of two consonants only with keys of three that start with it
    // (موسوی "ms": Mousavi "msv"): two consonants are alike to too many others.
    private IEnumerable<int> Alike(string key, int shortest, double cut)
    {
        var exact = _ids.TryGetValue(key, out var found) ? found : -1;
        if (exact >= 0)
        {
            yield return exact;
        }

        if (key.Length < 2 || !_byFirst.TryGetValue(key[0], out var sameFirst))
        {
            yield break;
        }

        var mask = JaroWinkler.LetterMask(key);
        foreach (var id in sameFirst)
        {
            var other = _keys[id];
            if (id != exact && other.Length >= shortest && Math.Abs(other.Length - key.Length) <= 2
                && (key.Length >= 3 || (other.Length == 3 && other[1] == key[1]))
                && (cut >= MinKeySimilarity || (other.Length > 1 && other[1] == key[1]))
                && JaroWinkler.UpperBound(key.Length, mask, other.Length, _masks[id]) >= cut
                && JaroWinkler.Similarity(key, other) >= cut)
            {
                yield return id;
            }
        }
    }
}

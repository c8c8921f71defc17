using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Benchmarks;

/// <summary>
/// How well the candidate index's weighted trigram Dice similarity separates the names that make hits (name score at
/// least 0.83) from the other candidates, on the queries of evaluation sets: for small shares of the hits, the Dice
/// below which they lie and the share of all candidates below it. Chooses the engine's DiceFactor.
/// Usage: dice QUERIES.csv [QUERIES.csv ...] (the development sets, not the held-out ones)
/// </summary>
internal static class DiceProbe
{
    public static int Run(string[] args)
    {
        var lists = ListSources.Ids.Select(BundledLists.Load).ToList();
        var entities = lists.SelectMany(l => l.Entities).ToArray();
        var named = entities.SelectMany(e => e.Names.Select(x => (Person: e.Kind == Interdict.Core.Model.EntityKind.Person, Name: new PreparedName(x.Value)))).Where(p => p.Name.Tokens.Length > 0).ToArray();
        var names = named.Select(x => x.Name).ToArray();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            name.TokenIds = [.. name.Tokens.Select(t => vocabulary.TryGetValue(t, out var id) ? id : vocabulary[t] = vocabulary.Count)];
        }

        var index = new TrigramIndex([.. names.Select(p => p.Folded)], weighted: true);
        var hitDice = new List<int>();
        var allDice = new List<int>();
        foreach (var file in args)
        {
            using var csv = new Microsoft.VisualBasic.FileIO.TextFieldParser(file) { TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
            csv.SetDelimiters(",");
            csv.ReadFields(); // header
            while (csv.ReadFields() is { } fields)
            {
                var name = fields[1];
                var q = new PreparedName(name);
                if (q.Tokens.Length == 0 || q.Vowelless)
                {
                    continue;
                }

                var cache = new TokenCache(q.Tokens.Length, vocabulary.Count);
                foreach (var (c, dice) in index.Candidates(TrigramIndex.Codes(q.Folded), 0.26, 1000))
                {
                    allDice.Add(dice);
                    if (NameMatcher.MayReach(q, names[c], named[c].Person, MatcherVersion.Current, cache, 0.83)
                        && NameMatcher.Compare(q, names[c], named[c].Person, false, MatcherVersion.Current, cache).Score >= 0.83)
                    {
                        hitDice.Add(dice);
                    }
                }

                cache.Release();
            }
        }

        hitDice.Sort();
        allDice.Sort();
        foreach (var p in new[] { 0.0, 0.001, 0.005, 0.01, 0.02, 0.05 })
        {
            var cut = hitDice[(int)(p * (hitDice.Count - 1))];
            var below = allDice.Count(d => d < cut);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hits {hitDice.Count}: {p:P1} of hits have Dice < {cut / 1e6:F3}; {below / (double)allDice.Count:P1} of {allDice.Count} candidates are below it"));
        }

        // The engine's cuts at the default threshold: DiceFactor (1.2.0-1.4.0) and DiceFactor150 (1.5.0) times 0.83, and 0.40.
        foreach (var factor in new[] { 0.35, 0.38, 0.40 })
        {
            var cut = factor * 0.829 * 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"factor {factor:F2} (Dice {cut / 1e6:F3}): {hitDice.Count(d => d < cut) / (double)hitDice.Count:P2} of name hits and {allDice.Count(d => d < cut) / (double)allDice.Count:P1} of candidates below it"));
        }

        return 0;
    }
}

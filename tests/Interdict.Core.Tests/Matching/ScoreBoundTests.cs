using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Text;
using Interdict.TestKit;

namespace Interdict.Core.Tests.Matching;

/// <summary>
/// The engine skips candidates whose score cannot reach what a hit needs. These tests pin that the skipping never
/// changes a result: the bounds are checked against full comparisons on the names of the OFAC SDN fixture.
/// </summary>
public class ScoreBoundTests
{
    private static readonly Lazy<WatchList> Sdn = new(Fixtures.OfacSdn);

    // The fixture's distinct words, for the word-level bounds.
    private static readonly Lazy<string[]> Words = new(() => [.. Sdn.Value.Entities.SelectMany(e => e.Names).SelectMany(n => NameNormalizer.Tokenize(n.Value)).Distinct()]);

    private const int PairCount = 200_000;

    // Queries that exercise each path of the comparison: romanisation variants, joined and split words, lineages,
    // initials, legal forms, extra and missing parts, a vessel numeral, common given names.
    private static readonly string[] Queries =
    [
        "Qassem Soleimani", "Ghasem Soleymani", "Kataib Hezbollah", "Ramzi Binalshib", "Bin Al Shibh Ramzi", "Abdul Rahman Ali",
        "Abdulrahman Ali", "Hafiz Mohammad Sayeed", "Mohamad Abdulkarim", "Aisha Muhammed Abdul Salam", "Ali Ben Mohamed Ben Ali",
        "J Smith", "Hesong Trading Company", "Ark III", "Mohammad Ali Thornbury", "Margaret Thornbury", "Josef Kony", "Ali",
        "Islamic Revolutionary Guard Corps Qods Force", "Ould Mohamed Lemine",
    ];

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(ScreeningOptions.DefaultThreshold)]
    [InlineData(0.95)]
    public void MayReach_NeverRulesOutANameThatReachesTheBar(double bar) => BoundHolds(Queries, bar);

    // Names in Arabic script, compared with the Latin names by consonant key: words joined and split ("عبد الرحمن" /
    // Abdulrahman), lineages, a legal form (شركة), short queries against long listed names (at most as many pairs as the
    // query has words), the same name in Persian letters.
    private static readonly string[] ArabicScriptQueries =
    [
        "قاسم سليماني", "قاسم سلیمانی", "عبد الرحمن علي", "عبدالرحمن علي", "رمزي بن الشيبة", "محمد داود", "مريم داود", "حسين موسوي",
        "شركة هسونغ التجارية", "حافظ محمد سعيد", "علي بن محمد بن علي", "كتائب حزب الله", "عمر النجار", "هدى الحداد",
    ];

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(ScreeningOptions.DefaultThreshold)]
    public void MayReach_NeverRulesOutANameThatReachesTheBar_ArabicScriptByKey(double bar) => BoundHolds(ArabicScriptQueries, bar);

    [Theory]
    // Listed names with more words alike to the query's than the query has: at most one pair per query word.
    [InlineData("Ali Mohamed", "ALI MOHAMED ALI HASSAN ALI", true)]
    [InlineData("Mohamed Ali", "MOHAMMED MUHAMMAD ALI ALY ALI", true)]
    [InlineData("محمد علي", "MOHAMMED MUHAMMAD ALI ALY ALI", true)]
    [InlineData("عمر النجار", "NAJJAR OMAR UMAR AL NAJAR", true)]
    [InlineData("Omar Najjar", "NAJJAR OMAR UMAR AL NAJAR", false)]
    [InlineData("عبد الرحمن", "ABDULRAHMAN ABDUL RAHMAN", false)]
    public void MayReach_AtTheBarOfItsOwnScore_IsTrue(string queryText, string listedText, bool person)
    {
        var query = new PreparedName(queryText);
        var listed = new PreparedName(listedText);
        listed.TokenIds = [.. Enumerable.Range(0, listed.Tokens.Length)];
        var cache = new TokenCache(query.Tokens.Length, listed.Tokens.Length, keyRows: query.Vowelless);
        var score = NameMatcher.Compare(query, listed, person, explain: false, MatcherVersion.Current, cache).Score;
        score.ShouldBeGreaterThan(0.5);
        NameMatcher.MayReach(query, listed, person, MatcherVersion.Current, cache, score - 1e-9).ShouldBeTrue($"{queryText} / {listedText} scores {score:0.0000}");
        cache.Release();
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(ScreeningOptions.DefaultThreshold)]
    public void MayReach_NeverRulesOutANameThatReachesTheBar_WithWordsJoinedOrSplit(double bar)
    {
        // Listed names with two neighbouring words written as one ("ABDUL RAHMAN" as "abdulrahman") and with a long word
        // split in two: names that reach the bar only when the comparison pairs joined words, in both directions.
        var names = Sdn.Value.Entities.SelectMany(e => e.Names).Select(n => NameNormalizer.Tokenize(n.Value)).Where(t => t.Length >= 2).Take(120).ToArray();
        var joined = names.Select(t => string.Join(' ', [t[0] + t[1], .. t[2..]]));
        var split = names.Where(t => t.Any(w => w.Length >= 8))
            .Select(t => string.Join(' ', t.Select(w => w.Length >= 8 ? $"{w[..(w.Length / 2)]} {w[(w.Length / 2)..]}" : w)));
        BoundHolds([.. joined, .. split], bar);
    }

    private static void BoundHolds(string[] queries, double bar)
    {
        var entities = Sdn.Value.Entities;
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var listed = entities.SelectMany(e => e.Names.Select(n => (Person: e.Kind == EntityKind.Person, Name: new PreparedName(n.Value))))
            .Where(x => x.Name.Tokens.Length > 0)
            .ToArray();
        foreach (var (_, name) in listed)
        {
            // As the engine numbers listed words: by token and consonant key (a legal form keeps its written key).
            name.TokenIds = [.. name.Tokens.Select((t, i) => t + "\u0001" + name.Keys[i]).Select(w => vocabulary.TryGetValue(w, out var id) ? id : vocabulary[w] = vocabulary.Count)];
        }

        int reached = 0, ruledOut = 0;
        foreach (var text in queries)
        {
            var query = new PreparedName(text);
            // One cache per query, shared by the bound and the comparison as in the engine.
            var cache = new TokenCache(query.Tokens.Length, vocabulary.Count, keyRows: query.Vowelless);
            foreach (var (person, name) in listed)
            {
                var may = NameMatcher.MayReach(query, name, person, MatcherVersion.Current, cache, bar);
                var score = NameMatcher.Compare(query, name, person, explain: false, MatcherVersion.Current, cache).Score;
                if (score >= bar)
                {
                    reached++;
                    may.ShouldBeTrue($"'{text}' against '{name.Text}' scores {score:0.0000} >= {bar} but was ruled out");
                }
                else if (!may)
                {
                    ruledOut++;
                }
            }

            cache.Release();
        }

        // The check means something only if some names reach the bar and most of the rest are ruled out.
        reached.ShouldBeGreaterThan(0);
        ruledOut.ShouldBeGreaterThan(listed.Length * queries.Length / 2);
    }

    [Fact]
    public void JaroWinklerUpperBound_IsNeverBelowTheSimilarity()
    {
        foreach (var (a, b) in WordPairs(seed: 7))
        {
            JaroWinkler.UpperBound(a, b).ShouldBeGreaterThanOrEqualTo(JaroWinkler.Similarity(a, b) - 1e-12, $"{a} / {b}");
        }
    }

    [Fact]
    public void JaroWinklerUpperBound_FromLetterMasks_IsNeverBelowTheBoundFromTheLetters()
    {
        // The comparison rules unrelated parts out with the bound made from masks: it must be the looser of the two, or
        // it would rule out pairs the other lets through. Most pairs of words are unrelated, so the bound must also rule
        // out many pairs on its own, or it saves nothing.
        var below = 0;
        foreach (var (a, b) in WordPairs(seed: 13))
        {
            var masked = JaroWinkler.UpperBound(a, JaroWinkler.LetterMask(a), b, JaroWinkler.LetterMask(b));
            masked.ShouldBeGreaterThanOrEqualTo(JaroWinkler.UpperBound(a, b) - 1e-12, $"{a} / {b}");
            below += masked < 0.75 ? 1 : 0;
        }

        below.ShouldBeGreaterThan(PairCount / 4);
    }

    [Fact]
    public void JaroWinklerUpperBound_FromLengthsAndMasksOnly_IsNeverBelowTheSimilarity()
    {
        // Joined parts are bounded from their parts' lengths and masks before they are concatenated (JoinedSimilarity):
        // pairs of two adjacent listed words joined against a third word, and against the two written together.
        var words = Words.Value;
        var random = new Random(17);
        for (var k = 0; k < PairCount; k++)
        {
            var (x, y) = (words[random.Next(words.Length)], words[random.Next(words.Length)]);
            var joined = x + y;
            var b = k % 3 == 0 ? Romanisation.Fold(joined) : words[random.Next(words.Length)];
            var mask = JaroWinkler.LetterMask(x) | JaroWinkler.LetterMask(y);
            JaroWinkler.UpperBound(joined.Length, mask, b.Length, JaroWinkler.LetterMask(b))
                .ShouldBeGreaterThanOrEqualTo(JaroWinkler.Similarity(joined, b) - 1e-12, $"{x} {y} / {b}");
        }
    }

    [Fact]
    public void JaroWinklerUpperBound_FromLengthsMasksAndFirstLetters_IsNeverBelowTheSimilarity()
    {
        foreach (var (a, b) in WordPairs(seed: 19))
        {
            JaroWinkler.UpperBound(a.Length, JaroWinkler.LetterMask(a), b.Length, JaroWinkler.LetterMask(b), a[0] == b[0])
                .ShouldBeGreaterThanOrEqualTo(JaroWinkler.Similarity(a, b) - 1e-12, $"{a} / {b}");
        }
    }

    [Fact]
    public void PartsUnrelatedByTheirInfo_AreUnrelatedByTheWordSimilarity()
    {
        // The comparison skips the word similarity of two parts that their lengths, masks and first letters show to be
        // unrelated: that must be what the word similarity would have said, and it must say it for most random pairs.
        var words = Words.Value.Select(w => new PreparedName(w)).Where(p => p.Tokens.Length == 1).ToArray();
        var random = new Random(23);
        var ruledOut = 0;
        for (var k = 0; k < PairCount; k++)
        {
            var a = words[random.Next(words.Length)];
            var b = k % 4 == 0 ? new PreparedName(Romanisation.Fold(a.Tokens[0])) : words[random.Next(words.Length)];
            if (b.Tokens.Length != 1 || !NameMatcher.UnrelatedByPartInfo(a.Parts[0], b.Parts[0]))
            {
                continue;
            }

            ruledOut++;
            NameMatcher.TokenSimilarity(a.Tokens[0], b.Tokens[0], a.Folded[0], b.Folded[0], a.Keys[0], b.Keys[0], a.LegalForm[0], b.LegalForm[0], byKey: false, MatcherVersion.Current)
                .ShouldBe(0, $"{a.Tokens[0]} / {b.Tokens[0]}");
        }

        ruledOut.ShouldBeGreaterThan(PairCount / 2);
    }

    [Fact]
    public void JaroWinklerUpperBound_OfWholeNamesJoined_IsNeverBelowTheSimilarity()
    {
        // The bound checks names compared whole (parts joined, 10-60 letters) with it before computing Jaro-Winkler.
        var names = Sdn.Value.Entities.SelectMany(e => e.Names).Select(n => new PreparedName(n.Value).Joined).Where(j => j.Length > 0).Distinct().ToArray();
        var random = new Random(11);
        for (var k = 0; k < 50_000; k++)
        {
            var a = names[random.Next(names.Length)];
            var b = k % 3 == 0 ? a.Remove(random.Next(a.Length), 1) : names[random.Next(names.Length)];
            JaroWinkler.UpperBound(a, b).ShouldBeGreaterThanOrEqualTo(JaroWinkler.Similarity(a, b) - 1e-12, $"{a} / {b}");
        }
    }

    [Theory]
    [InlineData("Qassem Soleimani")]
    [InlineData("Kataib Hezbollah")]
    [InlineData("Hasan Nasrallah")]
    [InlineData("Mohammad Naqdi")]
    [InlineData("Ark III")]
    public void Screen_SkippingCandidates_LeavesEveryScoreAsExhaustiveScoringGivesIt(string name)
    {
        var engine = new ScreeningEngine([Sdn.Value]);
        PartialDate.TryParse("1957", out var dob).ShouldBeTrue();
        // With facts, a lower name score can make a hit: the engine then skips less.
        ScreeningQuery[] queries = [new() { Name = name }, new() { Name = name, DateOfBirth = dob, Country = "IR" }];
        var options = new ScreeningOptions { Threshold = 0.6, Limit = 100 };
        var seen = 0;
        foreach (var query in queries)
        {
            var exhaustive = engine.Screen(query, options with { Exhaustive = true }).Hits.ToDictionary(h => h.EntityId, h => h.Score);
            foreach (var hit in engine.Screen(query, options).Hits)
            {
                exhaustive.ShouldContainKey(hit.EntityId);
                hit.Score.ShouldBe(exhaustive[hit.EntityId], $"{name} -> {hit.EntityId}");
                seen++;
            }
        }

        seen.ShouldBeGreaterThan(0);
    }

    // Pairs of the fixture's words drawn at random, one in four a word and its romanisation-folded form (near pairs).
    private static IEnumerable<(string A, string B)> WordPairs(int seed)
    {
        var words = Words.Value;
        var random = new Random(seed);
        for (var k = 0; k < PairCount; k++)
        {
            var a = words[random.Next(words.Length)];
            yield return (a, k % 4 == 0 ? Romanisation.Fold(a) : words[random.Next(words.Length)]);
        }
    }
}

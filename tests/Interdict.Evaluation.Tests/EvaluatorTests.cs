using Interdict.Core.Matching;

namespace Interdict.Evaluation.Tests;

public class EvaluatorTests
{
    private static EvalCase Case(string id, params string[] expected) => new(id, new ScreeningQuery { Name = id }, expected.ToHashSet());

    // Canned screener output: query id -> hits.
    private static readonly Dictionary<string, ScoredId[]> Canned = new()
    {
        ["p1"] = [new("a:1", 0.95), new("a:9", 0.80)], // found at any threshold up to 0.95, top-1 right
        ["p2"] = [new("a:7", 0.90), new("a:2", 0.85)], // found up to 0.85, but top-1 is wrong
        ["p3"] = [new("a:3", 0.70)], // found only at 0.70 and below
        ["n1"] = [new("a:5", 0.88)], // a false alert up to 0.88
        ["n2"] = [],
    };

    private static EvalReport Run() => Evaluator.Evaluate("canned", [Case("p1", "a:1"), Case("p2", "a:2"), Case("p3", "a:3"), Case("n1"), Case("n2")],
        (c, t) => [.. Canned[c.Id].Where(h => h.Score >= t)], Evaluator.Thresholds(0.5, 0.05));

    [Fact]
    public void Metrics_AtAThreshold_CountExpectedIdsQueriesAndHits()
    {
        var m = Run().At(0.85);
        m.Recall.ShouldBe(2.0 / 3, 1e-9); // a:1 and a:2 found, a:3 not
        m.Top1.ShouldBe(1.0 / 3, 1e-9); // only p1's best hit is expected
        m.FalsePositiveRate.ShouldBe(0.5, 1e-9); // n1 of n1, n2
        m.Hits.ShouldBe(4); // a:1, a:7, a:2, a:5
        m.Precision.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void Metrics_AtHigherThresholds_TradeRecallForFewerFalseAlerts()
    {
        var r = Run();
        r.At(0.7).Recall.ShouldBe(1);
        r.At(0.9).Recall.ShouldBe(1.0 / 3, 1e-9);
        r.At(0.9).FalsePositiveRate.ShouldBe(0);
        r.At(1.0).Hits.ShouldBe(0);
        r.At(1.0).Precision.ShouldBe(1); // no hits: nothing was wrong
    }

    [Fact]
    public void Recommend_IsTheHighestThresholdReachingTheTargetRecall()
    {
        var r = Run();
        r.Recommend(1.0)!.Threshold.ShouldBe(0.7, 1e-9);
        r.Recommend(0.6)!.Threshold.ShouldBe(0.85, 1e-9);
        Evaluator.Evaluate("none", [Case("p1", "a:404")], (_, _) => [], Evaluator.Thresholds(0.5, 0.1)).Recommend(0.5).ShouldBeNull();
    }

    [Fact]
    public void MissesAndFalseAlerts_NameTheQueries()
    {
        var r = Run();
        r.Misses(0.85).Select(m => (m.Case.Id, m.Missed)).ShouldBe([("p3", "a:3")]);
        r.FalseAlerts(0.85).Select(f => (f.Case.Id, f.Hit.EntityId)).ShouldBe([("n1", "a:5")]);
    }

    [Fact]
    public void Thresholds_StepFromTheLowestToOne() => Evaluator.Thresholds(0.5, 0.25).ShouldBe([0.5, 0.75, 1.0]);
}

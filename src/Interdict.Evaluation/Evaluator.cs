using Interdict.Core.Matching;

namespace Interdict.Evaluation;

/// <summary>One labelled query: what to screen and which listed ids should be found (none for a negative).</summary>
/// <param name="Id">The query id.</param>
/// <param name="Query">The query.</param>
/// <param name="Expected">The entity ids it should find; empty when it should find nothing.</param>
public sealed record EvalCase(string Id, ScreeningQuery Query, IReadOnlySet<string> Expected)
{
    /// <summary>True when the query should find something.</summary>
    public bool IsPositive => Expected.Count > 0;
}

/// <summary>A scored candidate returned by a screener.</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Score">Its score, 0–1.</param>
public readonly record struct ScoredId(string EntityId, double Score);

/// <summary>Metrics at one threshold.</summary>
/// <param name="Threshold">The threshold.</param>
/// <param name="Recall">Expected ids found at or above the threshold, over all expected ids.</param>
/// <param name="Top1">Positive queries whose best hit at or above the threshold is an expected id, over positive queries.</param>
/// <param name="FalsePositiveRate">Negative queries with any hit at or above the threshold, over negative queries.</param>
/// <param name="Precision">Hits that are expected ids, over all hits at or above the threshold (1 when there are none).</param>
/// <param name="Hits">All hits at or above the threshold.</param>
public sealed record ThresholdMetrics(double Threshold, double Recall, double Top1, double FalsePositiveRate, double Precision, int Hits);

/// <summary>The result of evaluating one screener on a labelled set.</summary>
/// <param name="Screener">The screener's name.</param>
/// <param name="Positives">Positive queries.</param>
/// <param name="Negatives">Negative queries.</param>
/// <param name="ExpectedIds">Expected ids over all positive queries.</param>
/// <param name="Rows">Metrics per threshold, ascending.</param>
/// <param name="Results">Per query, the scored hits (best first, down to the lowest threshold evaluated).</param>
public sealed record EvalReport(string Screener, int Positives, int Negatives, int ExpectedIds, IReadOnlyList<ThresholdMetrics> Rows,
    IReadOnlyList<(EvalCase Case, IReadOnlyList<ScoredId> Hits)> Results)
{
    /// <summary>The metrics at the evaluated threshold nearest to <paramref name="threshold"/>.</summary>
    public ThresholdMetrics At(double threshold) => Rows.MinBy(r => Math.Abs(r.Threshold - threshold))!;

    /// <summary>
    /// The highest threshold whose recall still reaches <paramref name="targetRecall"/> (fewest false alerts for that
    /// recall), or null when no threshold does.
    /// </summary>
    public ThresholdMetrics? Recommend(double targetRecall) => Rows.Where(r => r.Recall >= targetRecall).MaxBy(r => r.Threshold);

    /// <summary>Expected ids not found at <paramref name="threshold"/>, with the query that should have found them.</summary>
    public IEnumerable<(EvalCase Case, string Missed)> Misses(double threshold) => Results
        .SelectMany(r => r.Case.Expected.Where(id => !r.Hits.Any(h => h.EntityId == id && h.Score >= threshold)).Select(id => (r.Case, id)));

    /// <summary>Negative queries with a hit at <paramref name="threshold"/>, and their best hit.</summary>
    public IEnumerable<(EvalCase Case, ScoredId Hit)> FalseAlerts(double threshold) => Results
        .Where(r => !r.Case.IsPositive && r.Hits.Count > 0 && r.Hits[0].Score >= threshold)
        .Select(r => (r.Case, r.Hits[0]));
}

/// <summary>Runs a screener over a labelled set once (down to the lowest threshold) and sweeps the thresholds.</summary>
public static class Evaluator
{
    /// <summary>Thresholds from <paramref name="from"/> to 1 in steps of <paramref name="step"/>.</summary>
    public static IReadOnlyList<double> Thresholds(double from = 0.5, double step = 0.01) =>
        [.. Enumerable.Range(0, (int)Math.Round((1 - from) / step) + 1).Select(i => Math.Round(from + (i * step), 4))];

    /// <summary>Evaluates <paramref name="screen"/> (which returns hits scoring at least its argument, best first).</summary>
    public static EvalReport Evaluate(string screener, IReadOnlyList<EvalCase> cases, Func<EvalCase, double, IReadOnlyList<ScoredId>> screen,
        IReadOnlyList<double>? thresholds = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(screen);
        thresholds ??= Thresholds();
        var lowest = thresholds.Min();
        var results = new IReadOnlyList<ScoredId>[cases.Count];
        var done = 0;
        Parallel.For(0, cases.Count, i =>
        {
            results[i] = screen(cases[i], lowest);
            var n = Interlocked.Increment(ref done);
            if (n % 100 == 0)
            {
                progress?.Report(n);
            }
        });

        var positives = cases.Count(c => c.IsPositive);
        var negatives = cases.Count - positives;
        var expectedIds = cases.Sum(c => c.Expected.Count);
        var rows = new List<ThresholdMetrics>();
        foreach (var t in thresholds.Order())
        {
            int found = 0, top1 = 0, falseAlerts = 0, hits = 0, trueHits = 0;
            for (var i = 0; i < cases.Count; i++)
            {
                var above = results[i].Where(h => h.Score >= t).ToList();
                hits += above.Count;
                trueHits += above.Count(h => cases[i].Expected.Contains(h.EntityId));
                if (cases[i].IsPositive)
                {
                    found += cases[i].Expected.Count(id => above.Any(h => h.EntityId == id));
                    top1 += above.Count > 0 && cases[i].Expected.Contains(above[0].EntityId) ? 1 : 0;
                }
                else if (above.Count > 0)
                {
                    falseAlerts++;
                }
            }

            rows.Add(new ThresholdMetrics(
                t,
                expectedIds == 0 ? 1 : (double)found / expectedIds,
                positives == 0 ? 1 : (double)top1 / positives,
                negatives == 0 ? 0 : (double)falseAlerts / negatives,
                hits == 0 ? 1 : (double)trueHits / hits,
                hits));
        }

        return new EvalReport(screener, positives, negatives, expectedIds, rows, [.. cases.Select((c, i) => (c, results[i]))]);
    }

    /// <summary>A screener over Interdict's engine: hits at or above the threshold, best first.</summary>
    public static Func<EvalCase, double, IReadOnlyList<ScoredId>> Engine(ScreeningEngine engine, ScreeningOptions options) =>
        (c, threshold) => [.. engine.Screen(c.Query, options with { Threshold = threshold }).Hits.Select(h => new ScoredId(h.EntityId, h.Score))];
}

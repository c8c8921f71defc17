using System.Globalization;
using CsvHelper;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Evaluation.Tests;

/// <summary>
/// Quality floors on the labelled development sets (eval/data, built from the official lists by eval/make-devsets.py),
/// against the bundled lists at the default threshold: a change that loses recall or raises false alerts fails here.
/// The figures themselves are recorded in docs/evaluation.md.
/// </summary>
public class DevelopmentSetTests
{
    private static readonly Lazy<ScreeningEngine> All = new(() => new ScreeningEngine(EvalLists.All));

    private static readonly Lazy<ScreeningEngine> OtherThanUn = new(() => new ScreeningEngine(new[] { "ofac-sdn", "ofac-cons", "uk-ofsi" }.Select(EvalLists.Load)));

    private static ThresholdMetrics Evaluate(ScreeningEngine engine, string set) =>
        Evaluator.Evaluate("interdict", Read(set), Evaluator.Engine(engine, new ScreeningOptions { Limit = 50 }), [ScreeningOptions.DefaultThreshold]).Rows[0];

    [Fact]
    public void CrossListLatin_UnSpellingsFindTheOfacAndUkRecords_Recall97() =>
        Evaluate(OtherThanUn.Value, "cross-list-latin").Recall.ShouldBeGreaterThanOrEqualTo(0.97);

    [Fact]
    public void OriginalScript_ArabicPersianCyrillicNamesOfPeople_Recall95() =>
        Evaluate(OtherThanUn.Value, "original-script").Recall.ShouldBeGreaterThanOrEqualTo(0.95); // 96.8% with 1.5.0 (1.4.0: 94.3%); the target is 90%

    [Fact]
    public void Negatives_WithoutDatesOfBirth_AtMost2PercentFalseAlerts() =>
        Evaluate(All.Value, "negatives").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.02);

    [Fact]
    public void Negatives_WithDatesOfBirth_AtMostHalfAPercentFalseAlerts() =>
        Evaluate(All.Value, "negatives-dob").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.005);

    // Held-out sets (docs/evaluation.md says what matchers 1.4.0 and 1.5.0 saw of them): recall 97.2% since 1.5.0 (1.4.0:
    // 96.2%), issue #3's 97%; false alerts within the 2% since 1.4.0 (1.8%; 1.3.0: 2.3%).
    private static readonly Lazy<ScreeningEngine> Ofac = new(() => new ScreeningEngine(new[] { "ofac-sdn", "ofac-cons" }.Select(EvalLists.Load)));

    [Fact]
    public void HeldOut_UkSpellingsFindTheOfacRecords_Recall97() =>
        Evaluate(Ofac.Value, "heldout-uk-latin").Recall.ShouldBeGreaterThanOrEqualTo(0.97);

    [Fact]
    public void HeldOut_Negatives_WithoutDatesOfBirth_AtMost2PercentFalseAlerts() =>
        Evaluate(All.Value, "heldout-negatives").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.02);

    // The second held-out draw, made after 1.4.0 and measured once: 2.0% (at the limit) and 0.1%.
    [Fact]
    public void SecondHeldOut_Negatives_AtMost2PercentFalseAlerts_AndHalfAPercentWithDatesOfBirth()
    {
        Evaluate(All.Value, "heldout2-negatives").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.02);
        Evaluate(All.Value, "heldout2-negatives-dob").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.005);
    }

    // Unlisted companies (a bank's counterparties): 0.4% raise an alert (docs/evaluation.md, "Unlisted organisations and vessels").
    [Fact]
    public void NegativeOrganizations_AtMost1PercentFalseAlerts() =>
        Evaluate(All.Value, "negatives-organizations").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.01);

    // Unlisted vessels, by name alone: 0.8% raise an alert (docs/evaluation.md, "Unlisted organisations and vessels").
    [Fact]
    public void NegativeVessels_AtMost2PercentFalseAlerts() =>
        Evaluate(All.Value, "negatives-vessels").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.02);

    // Names in Arabic, Persian, Cyrillic, Hebrew and Hangul script (no target: many are listed people's names too); with
    // a date of birth 4.5% raise an alert (docs/evaluation.md, "Negatives in other scripts").
    [Fact]
    public void NegativesInOtherScripts_WithDatesOfBirth_AtMost5PercentFalseAlerts() =>
        Evaluate(All.Value, "negatives-scripts-dob").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.05);

    [Fact]
    public void HeldOut_Negatives_WithDatesOfBirth_AtMostHalfAPercentFalseAlerts() =>
        Evaluate(All.Value, "heldout-negatives-dob").FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.005);

    [Fact]
    public void CrossListLatin_IndexReturnsAtLeast99Point5PercentOfExhaustiveHits()
    {
        // Every fourth query (exhaustive scoring is slow); issue #3 asks the index for 99.5% of exhaustive scoring's hits.
        var cases = Read("cross-list-latin").Where((_, i) => i % 4 == 0).ToList();
        var options = new ScreeningOptions { Limit = 50 };
        int exhaustive = 0, found = 0;
        foreach (var c in cases)
        {
            var indexed = OtherThanUn.Value.Screen(c.Query, options).Hits.Select(h => h.EntityId).ToHashSet(StringComparer.Ordinal);
            foreach (var hit in OtherThanUn.Value.Screen(c.Query, options with { Exhaustive = true }).Hits)
            {
                exhaustive++;
                found += indexed.Contains(hit.EntityId) ? 1 : 0;
            }
        }

        exhaustive.ShouldBeGreaterThan(500);
        ((double)found / exhaustive).ShouldBeGreaterThanOrEqualTo(0.995);
    }

    internal static List<EvalCase> Read(string set)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "devsets");
        var truth = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using (var reader = new CsvReader(new StreamReader(Path.Combine(folder, set + ".truth.csv")), CultureInfo.InvariantCulture))
        {
            foreach (var row in reader.GetRecords<TruthRow>())
            {
                truth[row.query_id] = [.. row.expected_ids.Split(';', StringSplitOptions.RemoveEmptyEntries)];
            }
        }

        using var queries = new CsvReader(new StreamReader(Path.Combine(folder, set + ".queries.csv")), CultureInfo.InvariantCulture);
        return [.. queries.GetRecords<QueryRow>().Select(q => new EvalCase(q.id, new ScreeningQuery
        {
            Name = q.name,
            Kind = EntityKinds.TryParse(q.type, out var kind) ? kind : EntityKind.Unknown,
            DateOfBirth = PartialDate.TryParse(q.dob, out var dob) ? dob : null,
        }, truth[q.id]))];
    }

#pragma warning disable CA1812, IDE1006 // CsvHelper instantiates these; property names are the CSV headers.
    private sealed record TruthRow(string query_id, string expected_ids);

    private sealed record QueryRow(string id, string name, string type, string dob);
#pragma warning restore CA1812, IDE1006
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using Interdict.Core.Matching;
using Interdict.Evaluation;
using Interdict.Lists.Store;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary>
/// <c>interdict eval --queries Q.csv --truth T.csv</c>: recall, top-1 accuracy, false-positive rate and precision across
/// thresholds, a recommended threshold for a target recall, a chart, and optionally the OFAC Sanctions List Search
/// baseline and the index's recall against exhaustive scoring, all in the same run.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliApplication app)
    {
        var queries = new Option<string>("--queries") { Description = "Query CSV (id,name[,type,dob,country,identifier]), as for screen --input.", Required = true };
        var truth = new Option<string>("--truth") { Description = "Truth CSV: query_id,expected_ids (';'-separated; empty = the query should find nothing).", Required = true };
        var lists = new Option<string?>("--lists") { Description = "Comma-separated list ids to screen against (default: every bundled list)." };
        var listFiles = new Option<string[]>("--list-file") { Description = "A custom watchlist CSV; repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var asOf = new Option<string?>("--as-of") { Description = "Use the list versions in force on this date (YYYY-MM-DD)." };
        var targetRecall = new Option<double>("--target-recall") { Description = "Recommend the highest threshold reaching this recall.", DefaultValueFactory = _ => 0.97 };
        var baseline = new Option<bool>("--baseline") { Description = "Also evaluate the OFAC Sanctions List Search method (Jaro-Winkler + Soundex) on the same set." };
        var checkIndex = new Option<bool>("--check-index") { Description = "Also score every name exhaustively and report the share of its hits the index returns." };
        var chart = new Option<string?>("--chart") { Description = "Write recall, precision and false-positive rate against the threshold: FILE.svg or FILE.png." };
        var algorithm = ScreenCommand.AlgorithmOption();
        var report = new Option<string?>("--report") { Description = "Write every metric at every threshold, misses and false alerts as JSON." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("eval", "Measure match quality on a labelled set: recall, top-1, false-positive rate and precision across thresholds.")
        {
            queries, truth, lists, listFiles, asOf, targetRecall, baseline, checkIndex, chart, report, format, algorithm,
        };
        command.SetAction(parse =>
        {
            var settings = Settings.Load();
            var target = parse.GetValue(targetRecall);
            if (target is <= 0 or > 1)
            {
                throw new UsageException($"--target-recall {target.ToString(CultureInfo.InvariantCulture)} is not a share from 0 to 1");
            }

            var chartPath = parse.GetValue(chart);
            if (chartPath is not null && Path.GetExtension(chartPath).ToLowerInvariant() is not (".svg" or ".png"))
            {
                throw new UsageException($"--chart '{chartPath}' must end in .svg or .png");
            }

            var cases = ReadCases(app, parse.GetValue(queries)!, parse.GetValue(truth)!);
            var listIds = (parse.GetValue(lists) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var selected = ListCatalog.Select(listIds, parse.GetValue(listFiles) ?? [], new ListLibrary(store), ScreenCommand.ParseAsOf(parse.GetValue(asOf)));
            var engine = new ScreeningEngine(selected, ScreenCommand.ParseAlgorithm(parse.GetValue(algorithm)));
            var options = new ScreeningOptions { Limit = 50 };
            app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Evaluating {cases.Count:N0} queries ({cases.Count(c => c.IsPositive):N0} positive, {cases.Count(c => !c.IsPositive):N0} negative) against {string.Join(", ", selected.Select(l => l.Id))}..."));

            var reports = new List<EvalReport>
            {
                Evaluator.Evaluate(engine.AlgorithmName, cases, Evaluator.Engine(engine, options), progress: Progress(app, "interdict", cases.Count)),
            };
            if (parse.GetValue(baseline))
            {
                var sls = new OfacSlsBaseline(selected);
                reports.Add(Evaluator.Evaluate(OfacSlsBaseline.Name, cases, (c, t) => sls.Screen(c.Query.Name, t), progress: Progress(app, "baseline", cases.Count)));
            }

            IndexCheck? index = null;
            if (parse.GetValue(checkIndex))
            {
                // Both screen at the threshold checked: the index prunes by what a hit needs, so a screen at a lower
                // threshold would look further than a real one.
                double[] at = [settings.Screening.Threshold];
                var indexed = Evaluator.Evaluate(engine.AlgorithmName, cases, Evaluator.Engine(engine, options), at);
                var exhaustive = Evaluator.Evaluate("exhaustive", cases, Evaluator.Engine(engine, options with { Exhaustive = true }), at, Progress(app, "exhaustive", cases.Count));
                index = IndexCheck.Compare(indexed, exhaustive, settings.Screening.Threshold);
            }

            var threshold = settings.Screening.Threshold;
            if (parse.GetValue(format) == "json")
            {
                app.Output.WriteLine(JsonSerializer.Serialize(Summary(reports, threshold, target, index), ScreeningJson.Indented));
            }
            else
            {
                Show(app, reports, threshold, target, index);
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                File.WriteAllText(reportPath, JsonSerializer.Serialize(Detail(reports, threshold, target, index), ScreeningJson.Indented), new UTF8Encoding(false));
                app.Error.WriteLine($"Report: {reportPath}");
            }

            if (chartPath is not null)
            {
                Charts.Evaluation(reports, threshold, chartPath);
                app.Error.WriteLine($"Chart: {chartPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<EvalCase> ReadCases(CliApplication app, string queriesPath, string truthPath)
    {
        foreach (var path in new[] { queriesPath, truthPath })
        {
            if (!File.Exists(path))
            {
                throw new DataFileException($"{path}: file not found");
            }
        }

        var truth = new Dictionary<string, (long Line, HashSet<string> Ids)>(StringComparer.Ordinal);
        using (var reader = new StreamReader(truthPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null, BadDataFound = null }))
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null || !csv.HeaderRecord.Contains("query_id") || !csv.HeaderRecord.Contains("expected_ids"))
            {
                throw new DataFileException($"{truthPath}, line 1: expected the header query_id,expected_ids");
            }

            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var id = csv.GetField("query_id")?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    throw new DataFileException($"{truthPath}, line {line}: query_id is empty");
                }

                var ids = (csv.GetField("expected_ids") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                if (!truth.TryAdd(id, (line, ids)))
                {
                    throw new DataFileException($"{truthPath}, line {line}: query_id '{id}' appears twice");
                }
            }
        }

        var headerWarnings = new List<string>();
        List<QueryRow> rows;
        using (var reader = new StreamReader(queriesPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            rows = [.. QueryCsvReader.Read(reader, queriesPath, headerWarnings)];
        }

        var cases = new List<EvalCase>();
        foreach (var row in rows)
        {
            if (row.Query is null)
            {
                app.Error.WriteLine($"warning: {row.Error} (not evaluated)");
                continue;
            }

            if (!truth.TryGetValue(row.Id, out var expected))
            {
                throw new DataFileException($"{truthPath}: no truth row for query '{row.Id}' ({queriesPath}, line {row.Line})");
            }

            cases.Add(new EvalCase(row.Id, row.Query, expected.Ids));
        }

        var unused = truth.Keys.Except(rows.Select(r => r.Id), StringComparer.Ordinal).FirstOrDefault();
        if (unused is not null)
        {
            throw new DataFileException($"{truthPath}, line {truth[unused].Line}: query_id '{unused}' is not in {queriesPath}");
        }

        return cases;
    }

    private static Progress<int> Progress(CliApplication app, string what, int total) =>
        new(n => app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {n:N0} of {total:N0}")));

    private static void Show(CliApplication app, List<EvalReport> reports, double threshold, double target, IndexCheck? index)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Match quality by threshold")
            .AddColumn("Screener").AddColumn("Threshold", c => c.RightAligned()).AddColumn("Recall", c => c.RightAligned())
            .AddColumn("Top-1", c => c.RightAligned()).AddColumn("FP rate", c => c.RightAligned()).AddColumn("Precision", c => c.RightAligned())
            .AddColumn("Hits", c => c.RightAligned());
        foreach (var r in reports)
        {
            foreach (var t in new[] { 0.7, 0.75, 0.8, threshold, 0.9, 0.95 }.Distinct().Order())
            {
                var m = r.At(t);
                table.AddRow(Markup.Escape(r.Screener), F(m.Threshold, "0.00") + (Math.Abs(m.Threshold - threshold) < 1e-9 ? " (default)" : ""), P(m.Recall), P(m.Top1), P(m.FalsePositiveRate), P(m.Precision), m.Hits.ToString("N0", CultureInfo.InvariantCulture));
            }
        }

        app.Console.Write(table);
        foreach (var r in reports)
        {
            var rec = r.Recommend(target);
            app.Console.MarkupLine(Markup.Escape(rec is null
                ? $"{r.Screener}: no threshold reaches recall {P(target)} (best {P(r.Rows.Max(x => x.Recall))} at {F(r.Rows.MaxBy(x => x.Recall)!.Threshold, "0.00")})"
                : $"{r.Screener}: recommended threshold for recall >= {P(target)}: {F(rec.Threshold, "0.00")} (recall {P(rec.Recall)}, FP rate {P(rec.FalsePositiveRate)}, precision {P(rec.Precision)})"));
        }

        if (index is not null)
        {
            app.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"index recall at {threshold:0.00}: {index.Found:N0} of the {index.Exhaustive:N0} hits exhaustive scoring finds ({P(index.Recall)})")));
        }
    }

    private static object Summary(List<EvalReport> reports, double threshold, double target, IndexCheck? index) => new
    {
        DefaultThreshold = threshold,
        TargetRecall = target,
        Screeners = reports.Select(r => ScreenerReport.Of(r, threshold, target, detail: false)),
        IndexCheck = index,
    };

    private static object Detail(List<EvalReport> reports, double threshold, double target, IndexCheck? index) => new
    {
        DefaultThreshold = threshold,
        TargetRecall = target,
        Screeners = reports.Select(r => ScreenerReport.Of(r, threshold, target, detail: true)),
        IndexCheck = index,
    };

    /// <summary>One screener's results; the per-threshold rows, misses and false alerts only in the detailed report.</summary>
    private sealed record ScreenerReport(string Screener, int Positives, int Negatives, int ExpectedIds, ThresholdMetrics AtDefault, ThresholdMetrics? Recommended)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<ThresholdMetrics>? Rows { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IEnumerable<object>? Misses { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IEnumerable<object>? FalseAlerts { get; init; }

        public static ScreenerReport Of(EvalReport r, double threshold, double target, bool detail) =>
            new(r.Screener, r.Positives, r.Negatives, r.ExpectedIds, r.At(threshold), r.Recommend(target))
            {
                Rows = detail ? r.Rows : null,
                Misses = detail
                    ? r.Misses(threshold).Select(m =>
                    {
                        var hits = r.Results.First(x => x.Case == m.Case).Hits;
                        return (object)new
                        {
                            QueryId = m.Case.Id,
                            m.Case.Query.Name,
                            m.Missed,
                            MissedScore = hits.Where(h => h.EntityId == m.Missed).Select(h => (double?)h.Score).FirstOrDefault(),
                            Best = hits is [var top, ..] ? top : (ScoredId?)null,
                        };
                    })
                    : null,
                FalseAlerts = detail ? r.FalseAlerts(threshold).Select(f => (object)new { QueryId = f.Case.Id, f.Case.Query.Name, f.Hit.EntityId, f.Hit.Score }) : null,
            };
    }

    private static string P(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>How many of the hits exhaustive scoring finds at a threshold the index-based screen also returns.</summary>
/// <param name="Threshold">The threshold compared at.</param>
/// <param name="Exhaustive">Hits from exhaustive scoring.</param>
/// <param name="Found">Of those, hits the index-based screen returned.</param>
/// <param name="Recall">Found over exhaustive (1 when exhaustive found none).</param>
/// <param name="Missed">Up to 100 of the hits the index missed: query id, name, entity id and score.</param>
internal sealed record IndexCheck(double Threshold, int Exhaustive, int Found, double Recall, IReadOnlyList<string> Missed)
{
    public static IndexCheck Compare(EvalReport indexed, EvalReport exhaustive, double threshold)
    {
        int all = 0, found = 0;
        var missed = new List<string>();
        for (var i = 0; i < exhaustive.Results.Count; i++)
        {
            var mine = indexed.Results[i].Hits.Where(h => h.Score >= threshold).Select(h => h.EntityId).ToHashSet(StringComparer.Ordinal);
            foreach (var h in exhaustive.Results[i].Hits.Where(h => h.Score >= threshold))
            {
                all++;
                if (mine.Contains(h.EntityId))
                {
                    found++;
                }
                else if (missed.Count < 100)
                {
                    var c = exhaustive.Results[i].Case;
                    missed.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Id} '{c.Query.Name}' -> {h.EntityId} {h.Score:0.000}"));
                }
            }
        }

        return new IndexCheck(threshold, all, found, all == 0 ? 1 : (double)found / all, missed);
    }
}

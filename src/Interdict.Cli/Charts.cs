using Interdict.Evaluation;
using Interdict.Lists.Store;
using ScottPlot;

namespace Interdict.Cli;

/// <summary>Charts written as SVG or PNG with ScottPlot.</summary>
internal static class Charts
{
    /// <summary>Entities per programme (one line each, the whole list left out) against publication date.</summary>
    public static void History(IReadOnlyList<HistoryRow> rows, string source, string path)
    {
        var plot = new Plot();
        var byProgram = rows.Where(r => r.Program != "(all)" && r.PublicationDate is not null).GroupBy(r => r.Program, StringComparer.Ordinal).ToList();
        if (byProgram.Count == 0)
        {
            byProgram = rows.Where(r => r.PublicationDate is not null).GroupBy(r => r.Program, StringComparer.Ordinal).ToList();
        }

        foreach (var series in byProgram.OrderByDescending(g => g.Max(r => r.Entities)).Take(12))
        {
            var points = series.OrderBy(r => r.PublicationDate).ToList();
            var line = plot.Add.Scatter(
                points.Select(r => r.PublicationDate!.Value.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(),
                points.Select(r => (double)r.Entities).ToArray());
            line.LegendText = series.Key;
        }

        // Tick labels are the versions' own publication dates in ISO form (at most eight), whatever the culture.
        var dates = rows.Select(r => r.PublicationDate).OfType<DateOnly>().Distinct().Order().ToList();
        var minGap = dates.Count < 2 ? 0 : (dates[^1].DayNumber - dates[0].DayNumber) / 8.0;
        var shown = new List<DateOnly>();
        foreach (var d in dates)
        {
            if (shown.Count == 0 || d.DayNumber - shown[^1].DayNumber >= minGap)
            {
                shown.Add(d);
            }
        }

        plot.Axes.Bottom.SetTicks(
            [.. shown.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())],
            [.. shown.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Title($"{source}: listed entities per programme, by publication date");
        plot.YLabel("entities");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>Recall, precision and false-positive rate against the threshold, for each screener; the default threshold marked.</summary>
    public static void Evaluation(IReadOnlyList<EvalReport> reports, double defaultThreshold, string path)
    {
        var plot = new Plot();
        foreach (var (report, i) in reports.Select((r, i) => (r, i)))
        {
            var xs = report.Rows.Select(r => r.Threshold).ToArray();
            var label = reports.Count == 1 ? "" : (i == 0 ? "interdict " : "baseline ");
            var pattern = i == 0 ? LinePattern.Solid : LinePattern.Dashed;
            foreach (var (name, values, color) in new[]
            {
                ("recall", report.Rows.Select(r => r.Recall).ToArray(), Colors.Blue),
                ("precision", report.Rows.Select(r => r.Precision).ToArray(), Colors.Green),
                ("false-positive rate", report.Rows.Select(r => r.FalsePositiveRate).ToArray(), Colors.Red),
            })
            {
                var line = plot.Add.ScatterLine(xs, values);
                line.LegendText = label + name;
                line.Color = color;
                line.LinePattern = pattern;
                line.LineWidth = 2;
            }
        }

        var marker = plot.Add.VerticalLine(defaultThreshold);
        marker.LegendText = $"default threshold {defaultThreshold.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}";
        marker.Color = Colors.Gray;
        plot.Axes.SetLimits(reports[0].Rows[0].Threshold, 1, 0, 1.02);
        plot.Title("Match quality against the threshold");
        plot.XLabel("threshold");
        plot.ShowLegend(Alignment.LowerLeft);
        Save(plot, path);
    }

    private static void Save(Plot plot, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            plot.SavePng(path, 1000, 600);
        }
        else
        {
            plot.SaveSvg(path, 1000, 600);
        }
    }
}

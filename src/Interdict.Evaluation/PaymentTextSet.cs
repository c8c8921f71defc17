using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Payments;

namespace Interdict.Evaluation;

/// <summary>How a payment screener did on a free-text set.</summary>
/// <param name="Positives">Lines with a listed name.</param>
/// <param name="Found">Of those, lines where the expected record (or its record on another list) was hit.</param>
/// <param name="Negatives">Lines without one.</param>
/// <param name="Held">Of those, lines that were held.</param>
/// <param name="Misses">Each line missed or held, with why.</param>
/// <param name="Milliseconds">The time each line took, sorted.</param>
public sealed record PaymentTextScore(int Positives, int Found, int Negatives, int Held, IReadOnlyList<string> Misses, IReadOnlyList<double> Milliseconds)
{
    /// <summary>A line of figures.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Found}/{Positives} listed names found ({100.0 * Found / Positives:F1}%), {Held}/{Negatives} texts without one held ({100.0 * Held / Negatives:F2}%); per text mean {Milliseconds.Average():F3} ms, p99 {Milliseconds[(int)(Milliseconds.Count * 0.99)]:F3} ms");
}

/// <summary>
/// The free-text sets of payments (eval/make-paymenttext.py: <c>id,expect,text</c>, <c>expect</c> the listed record
/// embedded or empty), each line screened as a message's remittance information.
/// </summary>
public static class PaymentTextSet
{
    /// <summary>Screens every line of the set at <paramref name="path"/>.</summary>
    public static PaymentTextScore Score(string path, PaymentScreener screener, ScreeningEngine engine)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(engine);
        using var csv = new CsvHelper.CsvReader(new StreamReader(path), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        int positives = 0, found = 0, negatives = 0, held = 0;
        var misses = new List<string>();
        var times = new List<double>();
        while (csv.Read())
        {
            var (id, expect, text) = (csv.GetField("id")!, csv.GetField("expect")!, csv.GetField("text")!);
            var clock = Stopwatch.StartNew();
            var result = screener.Screen(new PaymentMessage(id, id, "text", [], [("RmtInf/Ustrd", text)]));
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (expect.Length > 0)
            {
                positives++;
                var same = engine.Links.For(expect).Select(l => l.EntityId).Append(expect).ToHashSet(StringComparer.Ordinal);
                if (result.Hits.Any(h => h.EntityId is { } e && same.Contains(e)))
                {
                    found++;
                }
                else
                {
                    misses.Add($"missed {id} {expect}: {text}");
                }
            }
            else
            {
                negatives++;
                if (result.Decision == "hold")
                {
                    held++;
                    misses.Add($"held {id}: {text} <- {string.Join("; ", result.Hits.Select(h => $"{h.Value} ~ {h.EntityId} {h.Score}"))}");
                }
            }
        }

        times.Sort();
        return new PaymentTextScore(positives, found, negatives, held, misses, times);
    }
}

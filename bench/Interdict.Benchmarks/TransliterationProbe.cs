using System.Diagnostics;
using System.Globalization;
using AnyAscii;
using CsvHelper;
using ICU4N.Text;
using Interdict.Core.Matching;

namespace Interdict.Benchmarks;

/// <summary>
/// Compares ways of bringing a name written in another script to the Latin names the same record publishes, on
/// <c>eval/data/transliteration.csv</c> (made by <c>eval/make-devsets.py</c>: every non-Latin name of the UN list and
/// OFAC's enhanced XML subsets, with its record's Latin names). For each method and script: the share of names whose
/// best name score against their own record's Latin names reaches the default threshold (no facts), and the mean best
/// score. Methods: <c>interdict</c> (what the engine does: Arabic script read into consonant keys, other scripts through
/// AnyAscii), <c>anyascii</c> and <c>icu4n</c> (ICU's <c>Any-Latin; Latin-ASCII</c>) transliterating every script to
/// Latin letters, then matched as Latin names. Usage: translit [--names] (--names prints every non-Arabic name).
/// </summary>
internal static class TransliterationProbe
{
    public static int Run(string[] args)
    {
        var rows = ReadRows();
        var clock = Stopwatch.StartNew();
        var icu = Transliterator.GetInstance("Any-Latin; Latin-ASCII");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} names; ICU4N transliterator made in {clock.ElapsedMilliseconds} ms"));

        (string Name, Func<string, PreparedName> Prepare)[] methods =
        [
            ("interdict", name => new PreparedName(name)),
            ("anyascii", name => new PreparedName(name.Transliterate())),
            ("icu4n", name => new PreparedName(icu.Transliterate(name))),
        ];

        var threshold = ScreeningOptions.DefaultThreshold;
        var best = new double[methods.Length][];
        Console.WriteLine("| script | names | method | best score ≥ " + threshold.ToString(CultureInfo.InvariantCulture) + " | ≥ 0.70 | mean best score | µs per name (prepare) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (var m = 0; m < methods.Length; m++)
        {
            best[m] = new double[rows.Count];
            var prepare = TimeSpan.Zero;
            for (var r = 0; r < rows.Count; r++)
            {
                var start = Stopwatch.GetTimestamp();
                var query = methods[m].Prepare(rows[r].Name);
                prepare += Stopwatch.GetElapsedTime(start);
                best[m][r] = rows[r].Latin.Max(latin => query.Tokens.Length == 0 ? 0 : NameMatcher.Compare(query, latin, rows[r].Person, explain: false).Score);
            }

            foreach (var script in rows.Select(r => r.Script).Distinct().Order(StringComparer.Ordinal))
            {
                var of = Enumerable.Range(0, rows.Count).Where(r => rows[r].Script == script).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {script} | {of.Length} | {methods[m].Name} | {of.Count(r => best[m][r] >= threshold) / (double)of.Length:P1} | {of.Count(r => best[m][r] >= 0.7) / (double)of.Length:P1} | {of.Average(r => best[m][r]):F3} | {prepare.TotalMicroseconds / rows.Count:F0} |"));
            }
        }

        if (args.Contains("--names"))
        {
            foreach (var (row, r) in rows.Select((row, r) => (row, r)).Where(x => x.row.Script != "ARABIC"))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Id} {row.Name}: anyascii '{string.Join(' ', new PreparedName(row.Name.Transliterate()).Tokens)}' {best[1][r]:F2}, icu4n '{string.Join(' ', new PreparedName(icu.Transliterate(row.Name)).Tokens)}' {best[2][r]:F2}; listed '{row.Latin[0].Text}'"));
            }
        }

        return 0;
    }

    private static List<(string Id, string Script, bool Person, string Name, PreparedName[] Latin)> ReadRows()
    {
        using var reader = new StreamReader(RepositoryFile.Find(Path.Combine("eval", "data", "transliteration.csv")));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(string, string, bool, string, PreparedName[])>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add((csv.GetField("id")!, csv.GetField("script")!, csv.GetField("type") == "person", csv.GetField("name")!,
                [.. csv.GetField("latin_names")!.Split(';').Select(n => new PreparedName(n))]));
        }

        return rows;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Store;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict screen</c>: one name, or a CSV file of names.</summary>
internal static class ScreenCommand
{
    // Rows read, screened and written at a time: enough to keep every core busy, few enough to show progress and to hold
    // in memory.
    private const int BatchChunk = 1024;

    public static Command Create(CliApplication app)
    {
        var name = new Argument<string?>("NAME") { Description = "The name to screen (any script). Omit when using --input.", Arity = ArgumentArity.ZeroOrOne };
        var type = new Option<string?>("--type") { Description = "Kind of party: person, organization, vessel or aircraft." };
        var dob = new Option<string?>("--dob") { Description = "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD." };
        var country = new Option<string?>("--country") { Description = "Country: ISO code, English name or demonym." };
        var identifier = new Option<string?>("--identifier") { Description = "Passport, ID, IMO or other number; an exact match is strong evidence." };
        var lists = new Option<string?>("--lists") { Description = "Comma-separated list ids to screen against (default: every official list, and every FtM dataset imported)." };
        var listFiles = new Option<string[]>("--list-file") { Description = "A custom watchlist CSV (id,name[,type,aliases,dob,country]); repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var threshold = new Option<string?>("--threshold") { Description = "Minimum score for a hit, 0 to 1 (default from settings: 0.83)." };
        var limit = new Option<string?>("--limit") { Description = "Maximum hits per name (default from settings: 10)." };
        var format = new Option<string>("--format") { Description = "Output format for a single name: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var failOnHit = new Option<bool>("--fail-on-hit") { Description = "Exit with code 1 when any hit is found." };
        var input = new Option<string?>("--input") { Description = "CSV of names to screen (UTF-8, header: id,name[,type,dob,country,identifier])." };
        var output = new Option<string?>("--output") { Description = "JSON lines output for --input (default: standard output)." };
        var algorithm = AlgorithmOption();
        var verbose = new Option<bool>("--verbose") { Description = "Also show the lists' load notes (rows skipped, companion files of other publications); 'interdict lists' shows them too." };
        var asOf = new Option<string?>("--as-of") { Description = "Screen against the list versions in force on this date (YYYY-MM-DD): the newest stored or bundled version published on or before it." };

        var command = new Command("screen", "Screen a name, or a CSV file of names, against sanctions lists.")
        {
            name, type, dob, country, identifier, lists, listFiles, threshold, limit, format, failOnHit, input, output, asOf, algorithm, verbose,
        };

        command.SetAction(parse =>
        {
            var settings = Settings.Load();
            // The one query policy every door uses (QueryPolicy): a bad threshold or limit is an error; a type or date
            // that cannot be read is ignored with a warning, as the API and the batch reader do.
            if (QueryPolicy.ParseThreshold(parse.GetValue(threshold), "--threshold", out var thresholdValue) is { } badThreshold)
            {
                throw new UsageException(badThreshold);
            }

            if (QueryPolicy.ParseLimit(parse.GetValue(limit), "--limit", QueryLimits.Default, out var limitValue) is { } badLimit)
            {
                throw new UsageException(badLimit);
            }

            var options = new ScreeningOptions
            {
                Threshold = thresholdValue ?? settings.Screening.Threshold,
                Limit = limitValue ?? settings.Screening.Limit,
            };
            var listIds = (parse.GetValue(lists) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var inputPath = parse.GetValue(input);
            var nameValue = parse.GetValue(name);
            if (inputPath is null == string.IsNullOrWhiteSpace(nameValue))
            {
                throw new UsageException(inputPath is null ? "give a NAME to screen, or --input FILE" : "give either a NAME or --input FILE, not both");
            }

            // With --input, the name comes from each row; the options' facts fill the rows that leave them blank.
            var built = QueryPolicy.Build(new QueryInput(nameValue ?? "-", parse.GetValue(type), parse.GetValue(dob), parse.GetValue(country), parse.GetValue(identifier)), QueryLimits.Default, "NAME");
            if (built.Error is { } badName)
            {
                throw new UsageException(badName);
            }

            var defaults = built.Query!;

            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var selected = ListCatalog.Select(listIds, parse.GetValue(listFiles) ?? [], new ListLibrary(store), ParseAsOf(parse.GetValue(asOf)));
            var engine = new ScreeningEngine(selected, ParseAlgorithm(parse.GetValue(algorithm)));
            var hits = inputPath is null
                ? ScreenOne(app, engine, defaults, built.Warnings, options, parse.GetValue(format) == "json", parse.GetValue(verbose))
                : ScreenBatch(app, engine, inputPath, parse.GetValue(output), defaults, built.Warnings, options);
            return hits > 0 && parse.GetValue(failOnHit) ? ExitCodes.HitsFound : ExitCodes.Success;
        });
        return command;
    }

    private static int ScreenOne(CliApplication app, ScreeningEngine engine, ScreeningQuery query, IReadOnlyList<string> inputWarnings, ScreeningOptions options, bool json, bool verbose)
    {
        var screened = engine.Screen(query, options);
        var result = screened with { Warnings = [.. inputWarnings, .. screened.Warnings] };
        if (json)
        {
            var doc = new SingleResult(query.Name, result.Hits, result.Warnings, engine.ListVersions, engine.AlgorithmName);
            app.Output.WriteLine(JsonSerializer.Serialize(doc, ScreeningJson.Indented));
            return result.Hits.Count;
        }

        foreach (var w in result.Warnings)
        {
            app.Error.WriteLine($"warning: {w}");
        }

        Render.Hits(app.Console, query.Name, result.Hits, options.Threshold);
        Render.ListFooter(app.Console, engine.Lists, verbose);
        return result.Hits.Count;
    }

    private static int ScreenBatch(CliApplication app, ScreeningEngine engine, string inputPath, string? outputPath, ScreeningQuery defaults, IReadOnlyList<string> optionWarnings, ScreeningOptions options)
    {
        foreach (var w in optionWarnings)
        {
            app.Error.WriteLine($"warning: {w}");
        }

        if (!File.Exists(inputPath))
        {
            throw new DataFileException($"{inputPath}: file not found (--input)");
        }

        if (outputPath is not null && SameFile(inputPath, outputPath))
        {
            throw new UsageException($"--output {outputPath} is the input file {inputPath}: it would be overwritten with results; choose another output file");
        }

        var stopwatch = Stopwatch.StartNew();
        StreamReader OpenInput() => new(inputPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        static bool ReadFailure(Exception ex) => ex is IOException or UnauthorizedAccessException or CsvHelper.CsvHelperException;
        DataFileException Unreadable(Exception ex) => new($"{inputPath}: cannot be read: {ex.Message}", ex);

        // A first pass reads the whole file without keeping it: a file that cannot be read fails here, before anything
        // is written, and the count sizes the progress bar. The second pass streams the rows a chunk at a time, so a
        // file of millions of customers is never held in memory whole.
        var headerWarnings = new List<string>();
        int total;
        int named;
        try
        {
            using var reader = OpenInput();
            (total, named) = QueryCsvReader.Read(reader, inputPath, headerWarnings).Aggregate((0, 0), (n, row) => (n.Item1 + 1, n.Item2 + (row.Query is null ? 0 : 1)));
        }
        catch (Exception ex) when (ReadFailure(ex))
        {
            throw Unreadable(ex);
        }

        foreach (var w in headerWarnings)
        {
            app.Error.WriteLine($"warning: {w}");
        }

        // A file with no name to screen is the wrong file or a broken export: screening nothing must not look like a pass.
        if (named == 0)
        {
            throw new DataFileException(total == 0
                ? $"{inputPath}: no rows to screen after the header"
                : $"{inputPath}: none of its {total:N0} row(s) has a name to screen (is the name column empty, or misnamed?)");
        }

        // Each chunk's rows are screened and their JSON lines made on all cores, then written in input order.
        // Serialising the hits with their explanations costs about as much as screening an unlisted name, so it is not
        // left to one thread.
        var counts = new BatchCounts();
        // Under a progress bar, rows' errors and warnings are kept and printed once it is done: lines written to the
        // terminal while it redraws would be torn apart.
        var interactive = app.Interactive && outputPath is not null;
        var messages = interactive ? new StringWriter() : app.Error;
        StreamReader input;
        try
        {
            input = OpenInput();
        }
        catch (Exception ex) when (ReadFailure(ex))
        {
            throw Unreadable(ex);
        }

        using (input)
        using (var rows = QueryCsvReader.Read(input, inputPath, []).GetEnumerator())
        {
            // Reading errors are the input's (only if the file changed or went away since the first pass); any other I/O
            // error is the output's, and then an earlier output file is left as it was (OutputFile).
            bool NextRow()
            {
                try
                {
                    return rows.MoveNext();
                }
                catch (Exception ex) when (ReadFailure(ex))
                {
                    throw Unreadable(ex);
                }
            }

            OutputFile.Write(outputPath, app.Output, target =>
            {
                var chunk = new List<QueryRow>(BatchChunk);
                var lines = new ScreenedRow[BatchChunk];
                int ScreenChunk()
                {
                    chunk.Clear();
                    while (chunk.Count < BatchChunk && NextRow())
                    {
                        chunk.Add(rows.Current);
                    }

                    Parallel.For(0, chunk.Count, i => lines[i] = ScreenRow(engine, chunk[i], inputPath, defaults, options));
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        WriteRow(messages, target, chunk[i], lines[i], counts);
                    }

                    return chunk.Count;
                }

                if (interactive)
                {
                    app.Console.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .Start(ctx =>
                        {
                            var task = ctx.AddTask($"Screening {total:N0} names", maxValue: Math.Max(1, total));
                            while (ScreenChunk() is > 0 and var done)
                            {
                                task.Increment(done);
                            }
                        });
                }
                else
                {
                    while (ScreenChunk() > 0)
                    {
                    }
                }

                return counts.Hits;
            });
        }

        if (interactive)
        {
            app.Error.Write(messages.ToString());
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var screened = total - counts.Skipped;
        app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Screened {screened:N0} of {total:N0} rows in {seconds:F1} s ({(seconds > 0 ? screened / seconds : 0):N0} names/s): {counts.WithHits:N0} with hits ({counts.Hits:N0} hits at threshold {options.Threshold:0.###}), {counts.Skipped:N0} skipped, {counts.Warned:N0} with warnings."));
        foreach (var list in engine.Lists)
        {
            app.Error.WriteLine($"  {Render.ListSummary(list)}");
        }

        if (outputPath is not null)
        {
            app.Error.WriteLine($"Results: {outputPath}");
        }

        return counts.Hits;
    }

    // Whether two paths name one file: the same path, or a link to it (symbolic links are followed to their target).
    private static bool SameFile(string a, string b)
    {
        static string Resolve(string path)
        {
            var full = Path.GetFullPath(path);
            try
            {
                return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            }
            catch (IOException)
            {
                return full;
            }
        }

        return File.Exists(b) && string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);
    }

    // Screens one row (unless it was rejected when read) and makes its JSON line.
    private static ScreenedRow ScreenRow(ScreeningEngine engine, QueryRow row, string inputPath, ScreeningQuery defaults, ScreeningOptions options)
    {
        if (row.Query is null)
        {
            return default;
        }

        // Command-line facts apply to rows that leave them blank.
        var query = row.Query with
        {
            Kind = row.Query.Kind == EntityKind.Unknown ? defaults.Kind : row.Query.Kind,
            DateOfBirth = row.Query.DateOfBirth ?? defaults.DateOfBirth,
            Country = row.Query.Country ?? defaults.Country,
        };
        var r = engine.Screen(query, options);
        var warnings = row.Warnings.Concat(r.Warnings.Select(w => $"{inputPath}, line {row.Line}: {w}")).ToList();
        var line = new BatchLine(row.Id, row.Line, r.Hits, warnings.Count > 0 ? warnings : null);
        return new ScreenedRow(JsonSerializer.Serialize(line, ScreeningJson.Compact), r.Hits.Count, line.Warnings);
    }

    // Writes a screened row's line to the output (a rejected row's error and any warnings to the messages) and counts it.
    private static void WriteRow(TextWriter messages, TextWriter target, QueryRow row, ScreenedRow screened, BatchCounts counts)
    {
        if (row.Error is { } error)
        {
            counts.Skipped++;
            messages.WriteLine($"error: {error}");
            return;
        }

        if (screened.Warnings is { } ws)
        {
            counts.Warned++;
            foreach (var w in ws)
            {
                messages.WriteLine($"warning: {w}");
            }
        }

        counts.WithHits += screened.Hits > 0 ? 1 : 0;
        counts.Hits += screened.Hits;
        target.WriteLine(screened.Json);
    }

    private readonly record struct ScreenedRow(string Json, int Hits, IReadOnlyList<string>? Warnings);

    private sealed class BatchCounts
    {
        public int Skipped;
        public int WithHits;
        public int Hits;
        public int Warned;
    }

    /// <summary>The <c>--algorithm</c> option: which matcher version to run (older ones reproduce old decisions).</summary>
    internal static Option<string?> AlgorithmOption() => new("--algorithm")
    {
        Description = $"Matcher version: {MatcherVersions.Names} (default: the current one, {MatcherVersion.Current.Name()}). Older versions reproduce earlier decisions.",
    };

    internal static MatcherVersion ParseAlgorithm(string? text) => text is null
        ? MatcherVersion.Current
        : MatcherVersions.TryParse(text, out var v) ? v : throw new UsageException($"--algorithm '{text}' is not a matcher version; available: {MatcherVersions.Names}");

    internal static DateOnly? ParseAsOf(string? text) => ListsStoreCommands.ParseDate(text, "--as-of");

    /// <summary>One line of the JSON lines output.</summary>
    internal sealed record BatchLine(
        string Id,
        long Line,
        IReadOnlyList<ScreeningHit> Hits,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings);

    /// <summary>The JSON document for a single name.</summary>
    internal sealed record SingleResult(string Name, IReadOnlyList<ScreeningHit> Hits, IReadOnlyList<string> Warnings, IReadOnlyList<ListVersionRef> Lists, string Algorithm);
}

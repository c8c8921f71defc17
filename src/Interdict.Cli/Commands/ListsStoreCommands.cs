using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interdict.Core;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists;
using Interdict.Lists.Store;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary>The <c>lists</c> subcommands that work on the versioned list store.</summary>
internal static class ListsStoreCommands
{
    // Each source's companion files (OFAC's alt/add/comments beside sdn.csv), as its definition says.
    private static readonly Dictionary<string, IReadOnlyList<string>> Companions =
        ListSources.BuiltIn.SelectMany(d => d.Companions).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary><c>lists import FILE... --source ID</c>.</summary>
    public static Command Import(CliApplication app)
    {
        var files = new Argument<string[]>("FILE") { Description = "The publication's file(s). For OFAC CSV give sdn.csv (or cons_prim.csv): its companions beside it are taken too.", Arity = ArgumentArity.OneOrMore };
        var source = SourceOption(required: true);
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) for formats that carry none (OFAC CSV)." };
        var noSwitch = new Option<bool>("--no-switch") { Description = "Store the version without putting it in force." };
        var putInForce = new Option<bool>("--switch") { Description = "Put it in force even when the version in force was published later (by default the newest publication is in force)." };
        var force = new Option<bool>("--force") { Description = "Put it in force even when it has far fewer entities than the version in force (see --max-drop)." };
        var maxDrop = new Option<double>("--max-drop") { Description = "Refuse a version with more than this share fewer entities than the one in force.", DefaultValueFactory = _ => 0.10 };
        var maxFile = new Option<int>("--max-file-mb") { Description = "Refuse a file larger than this (MB); parsing takes about 12 times a file's size in memory.", DefaultValueFactory = _ => DefaultMaxFileMegabytes };
        var command = new Command("import", "Parse a list file completely and store it as a new immutable version (and put it in force when it is the newest).")
        {
            files, source, published, noSwitch, putInForce, force, maxDrop, maxFile,
        };
        command.SetAction(parse =>
        {
            var sourceId = RequireSource(parse.GetValue(source));
            var date = ParseDate(parse.GetValue(published), "--published");
            var contents = Lists.Ftm.FtmSource.IsFtm(sourceId)
                ? [ReduceFtm(app, sourceId, parse.GetValue(files)!)]
                : ReadFiles(app, parse.GetValue(files)!, parse.GetValue(maxFile) is > 0 and var mb ? mb : throw new UsageException("--max-file-mb must be a positive number of megabytes"));
            using var store = ListCatalog.OpenStore(CliApplication.Store(parse));
            var library = new ListLibrary(store);
            app.Error.WriteLine($"Parsing {string.Join(", ", contents.Select(c => c.Name))} as {sourceId}...");
            WatchList list;
            AddResult result;
            try
            {
                (list, result) = library.Import(sourceId, contents, string.Join(", ", parse.GetValue(files)!.Select(Path.GetFullPath)), date, makeCurrent: !parse.GetValue(noSwitch),
                    evenIfOlder: parse.GetValue(putInForce), maxDrop: parse.GetValue(force) ? null : MaxDrop(parse.GetValue(maxDrop)));
            }
            catch (ListFormatException ex)
            {
                throw new DataFileException($"{ex.Message}. Nothing was stored.", ex);
            }
            catch (ListRefusedException ex)
            {
                throw new DataFileException($"{ex.Message}. Nothing was stored.", ex);
            }

            var v = result.Version;
            var inForce = library.InForce(sourceId);
            var state = v.Current ? "; now in force"
                : parse.GetValue(noSwitch) ? "; not in force (--no-switch)"
                : $"; not in force: {inForce.Label}, published {inForce.PublicationDate:yyyy-MM-dd}, is newer (--switch puts this one in force)";
            app.Output.WriteLine(result.Created
                ? string.Create(CultureInfo.InvariantCulture, $"Stored {sourceId} v{v.Id}: {list.Entities.Count:N0} entities, published {v.PublicationDate:yyyy-MM-dd}, sha256 {v.ContentHash}{state}.")
                : $"{sourceId}: identical content is already stored as v{v.Id} (published {v.PublicationDate:yyyy-MM-dd}); nothing new was stored{(v.Current ? "; it is in force" : "")}.");
            foreach (var notice in list.Notices)
            {
                app.Error.WriteLine($"  note: {notice}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static double MaxDrop(double share) => share is >= 0 and <= 1
        ? share
        : throw new UsageException($"--max-drop {share.ToString(CultureInfo.InvariantCulture)} is not a share between 0 and 1 (e.g. 0.1 for 10%)");

    /// <summary><c>lists versions [ID]</c>.</summary>
    public static Command Versions(CliApplication app)
    {
        var source = new Argument<string?>("ID") { Description = "Only this source.", Arity = ArgumentArity.ZeroOrOne };
        var format = FormatOption("table", "json");
        var command = new Command("versions", "List the stored versions of each source (and the bundled snapshot), with the one in force.") { source, format };
        command.SetAction(parse =>
        {
            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var library = new ListLibrary(store);
            var ids = parse.GetValue(source) is { } one ? [RequireSource(one)] : library.Sources();
            var rows = ListReports.Versions(library, ids);
            if (parse.GetValue(format) == "json")
            {
                app.Output.WriteLine(JsonSerializer.Serialize(rows, ScreeningJson.Indented));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).Title("List versions")
                .AddColumn("Source").AddColumn("Version").AddColumn("Published").AddColumn("Imported (UTC)").AddColumn("Entities", c => c.RightAligned())
                .AddColumn("SHA-256").AddColumn("In force").AddColumn("Origin");
            foreach (var r in rows)
            {
                table.AddRow(r.Source, r.Version, $"{r.PublicationDate:yyyy-MM-dd}", r.ImportedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                    r.Entities?.ToString("N0", CultureInfo.InvariantCulture) ?? "", r.ContentHash is { } h ? h[..12] + "…" : "",
                    r.InForce ? "[green]yes[/]" : "", Markup.Escape(Tail(r.Origin ?? "shipped with Interdict", 40)));
            }

            app.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>lists diff ID V1 V2</c>.</summary>
    public static Command Diff(CliApplication app)
    {
        var source = new Argument<string>("ID") { Description = "The source, e.g. ofac-sdn." };
        var from = new Argument<string>("FROM") { Description = "The older version: v<number>, a publication date YYYY-MM-DD, 'bundled' or 'current'." };
        var to = new Argument<string>("TO") { Description = "The newer version, written the same way." };
        var format = FormatOption("table", "json");
        var limit = new Option<int>("--limit") { Description = "Rows shown per table (table format only).", DefaultValueFactory = _ => 50 };
        var command = new Command("diff", "Show the entities added, removed and changed between two versions, with field-level changes.") { source, from, to, format, limit };
        command.SetAction(parse =>
        {
            var sourceId = RequireSource(parse.GetValue(source));
            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var library = new ListLibrary(store);
            DiffReport report;
            try
            {
                report = ListReports.Diff(library, sourceId, parse.GetValue(from)!, parse.GetValue(to)!);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var (a, b, diff) = (report.From, report.To, report);
            if (parse.GetValue(format) == "json")
            {
                app.Output.WriteLine(JsonSerializer.Serialize(report, ScreeningJson.Indented));
                return ExitCodes.Success;
            }

            app.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{sourceId} {a.Version} ({a.PublicationDate:yyyy-MM-dd}) -> {b.Version} ({b.PublicationDate:yyyy-MM-dd}): {diff.Added.Count:N0} added, {diff.Removed.Count:N0} removed, {diff.Changed.Count:N0} changed")));
            var max = Math.Max(1, parse.GetValue(limit));
            foreach (var (title, items) in new[] { ("Added", diff.Added), ("Removed", diff.Removed) })
            {
                if (items.Count == 0)
                {
                    continue;
                }

                var table = new Table().Border(TableBorder.Rounded).Title($"{title} ({items.Count:N0})").AddColumn("Entity").AddColumn("Name").AddColumn("Kind").AddColumn("Programmes");
                foreach (var e in items.Take(max))
                {
                    table.AddRow(e.EntityId, Markup.Escape(e.Name), e.Kind.ToWireName(), Markup.Escape(string.Join(", ", e.Programs)));
                }

                app.Console.Write(table);
                More(app, items.Count, max);
            }

            if (diff.Changed.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).Title($"Changed ({diff.Changed.Count:N0})").AddColumn("Entity").AddColumn("Name").AddColumn("Field").AddColumn("Before").AddColumn("After");
                foreach (var c in diff.Changed.Take(max))
                {
                    foreach (var f in c.Changes)
                    {
                        table.AddRow(c.EntityId, Markup.Escape(c.Name), f.Field, Markup.Escape(Shorten(f.Before)), Markup.Escape(Shorten(f.After)));
                    }
                }

                app.Console.Write(table);
                More(app, diff.Changed.Count, max);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>lists update [ID...]</c>.</summary>
    public static Command Update(CliApplication app)
    {
        var sources = new Argument<string[]>("ID") { Description = "Sources to update (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<bool>("--force") { Description = "Store the new version even when its entity count dropped more than allowed." };
        var from = new Option<string?>("--from") { Description = "Download from this base URL instead of the publishers (a mirror; each file by its official name)." };
        var maxDrop = new Option<string?>("--max-drop") { Description = "Largest share of entities a new version may lose (default from settings: 0.1)." };
        var command = new Command("update", "Download each source's current publication, check it, store it as a new version and put it in force. On any failure the version in force stays.") { sources, force, from, maxDrop };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = Settings.Load();
            var ids = parse.GetValue(sources) is { Length: > 0 } given ? given.Select(RequireSource).ToList() : [.. ListSources.Ids];
            var options = new UpdateOptions
            {
                Force = parse.GetValue(force),
                BaseUrl = parse.GetValue(from) is { } url
                    ? Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : throw new UsageException($"--from '{url}' is not an http(s) URL")
                    : settings.Updates.BaseUrl,
                MaxDrop = parse.GetValue(maxDrop) is { } md
                    ? double.TryParse(md, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1 ? d : throw new UsageException($"--max-drop '{md}' is not a share from 0 to 1")
                    : settings.Updates.MaxDrop,
            };
            using var store = ListCatalog.OpenStore(CliApplication.Store(parse));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Interdict/0.1 (+sanctions screening; list update)");
            var updater = new ListUpdater(new ListLibrary(store), http, TimeProvider.System);
            var failed = 0;
            foreach (var id in ids)
            {
                var outcome = await updater.UpdateAsync(id, options, new Progress<string>(m => app.Error.WriteLine(m)), cancellationToken).ConfigureAwait(false);
                (outcome.Succeeded ? app.Output : app.Error).WriteLine(outcome.Message);
                failed += outcome.Succeeded ? 0 : 1;
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.UpdateFailed;
        });
        return command;
    }

    /// <summary><c>lists history</c>.</summary>
    public static Command History(CliApplication app)
    {
        var source = SourceOption(required: false);
        var programs = new Option<string[]>("--program") { Description = "Only these programmes (repeatable), e.g. IRAN, IRGC, SDGT.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var format = FormatOption("table", "csv", "json");
        var chart = new Option<string?>("--chart") { Description = "Also write a chart of entities per programme over the versions: FILE.svg or FILE.png." };
        var command = new Command("history", "Entities per programme in each stored version, with designations added and removed between consecutive versions.") { source, programs, format, chart };
        command.SetAction(parse =>
        {
            var sourceId = RequireSource(parse.GetValue(source) ?? "ofac-sdn");
            var chartPath = parse.GetValue(chart);
            if (chartPath is not null && Path.GetExtension(chartPath).ToLowerInvariant() is not (".svg" or ".png"))
            {
                throw new UsageException($"--chart '{chartPath}' must end in .svg or .png");
            }

            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            if (store is null || store.Versions(sourceId).Count == 0)
            {
                throw new UsageException($"no stored versions of {sourceId}; import some first ('interdict lists import FILE --source {sourceId}' or 'interdict lists update {sourceId}')");
            }

            var rows = ListHistory.Compute(store, sourceId, parse.GetValue(programs));
            switch (parse.GetValue(format))
            {
                case "json":
                    app.Output.WriteLine(JsonSerializer.Serialize(rows, ScreeningJson.Indented));
                    break;
                case "csv":
                    app.Output.WriteLine("source,version,publication_date,program,entities,added,removed");
                    foreach (var r in rows)
                    {
                        app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Source},v{r.Version},{r.PublicationDate:yyyy-MM-dd},{Csv(r.Program)},{r.Entities},{r.Added},{r.Removed}"));
                    }

                    break;
                default:
                    var table = new Table().Border(TableBorder.Rounded).Title($"{sourceId}: designations by programme across stored versions")
                        .AddColumn("Version").AddColumn("Published").AddColumn("Programme").AddColumn("Entities", c => c.RightAligned())
                        .AddColumn("Added", c => c.RightAligned()).AddColumn("Removed", c => c.RightAligned());
                    foreach (var r in rows)
                    {
                        table.AddRow($"v{r.Version}", $"{r.PublicationDate:yyyy-MM-dd}", Markup.Escape(r.Program), r.Entities.ToString("N0", CultureInfo.InvariantCulture),
                            r.Added?.ToString("N0", CultureInfo.InvariantCulture) ?? "", r.Removed?.ToString("N0", CultureInfo.InvariantCulture) ?? "");
                    }

                    app.Console.Write(table);
                    break;
            }

            if (chartPath is not null)
            {
                Charts.History(rows, sourceId, chartPath);
                app.Error.WriteLine($"Chart: {chartPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The largest list file <c>lists import</c> reads (per file), in MB: a publication is parsed whole before anything is
    /// stored, at about 12 times its size in memory (a 200 MB OFAC CSV: 2.5 GB). The largest official files are about a
    /// tenth of it.
    /// </summary>
    internal const int DefaultMaxFileMegabytes = 256;

    // An FtM file (several GB for OpenSanctions' full collection) is streamed, never read whole: the lines Interdict
    // reads are kept, and what was left out is said.
    private static ListFileContent ReduceFtm(CliApplication app, string sourceId, string[] paths)
    {
        if (paths.Length != 1)
        {
            throw new UsageException($"{sourceId}: give one FtM entities file (entities.ftm.json), not {paths.Length}");
        }

        var path = paths[0];
        if (!File.Exists(path))
        {
            throw new DataFileException($"{path}: file not found");
        }

        var length = new FileInfo(path).Length;
        app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Reading {path} ({length / (1024.0 * 1024):N1} MB) as FollowTheMoney entities..."));
        var lastShown = 0L;
        var progress = new SynchronousProgress<long>(read =>
        {
            if (read - lastShown >= 256L << 20)
            {
                lastShown = read;
                app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {read / (1024.0 * 1024):N0} MB of {length / (1024.0 * 1024):N0} MB read"));
            }
        });
        Lists.Ftm.FtmReduction reduced;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            reduced = Lists.Ftm.FtmSource.Reduce(sourceId, stream, Path.GetFileName(path), progress);
        }
        catch (ListFormatException ex)
        {
            throw new DataFileException($"{ex.Message}. Nothing was stored.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"{path}: cannot be read: {ex.Message}", ex);
        }

        app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reduced.Lines:N0} lines (sha256 {reduced.Sha256}); kept {reduced.Kept:N0}: parties to screen and the sanctions and documents about them"));
        if (reduced.OtherSchemata.Count > 0)
        {
            app.Error.WriteLine($"  left out (not screened): {string.Join(", ", reduced.OtherSchemata.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value:N0} {kv.Key}")))}");
        }

        return reduced.File;
    }

    /// <summary>Reports on the thread that reports (the console lines stay in order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static List<ListFileContent> ReadFiles(CliApplication app, IEnumerable<string> paths, int maxMegabytes = DefaultMaxFileMegabytes)
    {
        var all = new List<string>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new DataFileException($"{path}: file not found");
            }

            all.Add(path);
            if (Companions.TryGetValue(Path.GetFileName(path), out var companions))
            {
                foreach (var companion in companions)
                {
                    var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, companion);
                    if (File.Exists(sibling) && !all.Any(a => string.Equals(Path.GetFileName(a), companion, StringComparison.OrdinalIgnoreCase)))
                    {
                        app.Error.WriteLine($"Taking {companion} from beside {Path.GetFileName(path)}.");
                        all.Add(sibling);
                    }
                }
            }
        }

        foreach (var p in all)
        {
            var length = new FileInfo(p).Length;
            if (length > maxMegabytes * 1024L * 1024)
            {
                throw new DataFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{p}: {length / (1024.0 * 1024):N0} MB is more than the import limit of {maxMegabytes:N0} MB per file (--max-file-mb); official list files are far smaller: is this the right file? Nothing was stored."));
            }
        }

        try
        {
            return [.. all.Select(p => new ListFileContent(Path.GetFileName(p), File.ReadAllBytes(p)))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"cannot read the file: {ex.Message}", ex);
        }
    }

    private static Option<string?> SourceOption(bool required)
    {
        var option = new Option<string?>("--source") { Description = $"The source: {string.Join(", ", ListSources.Ids)}, or ftm:NAME for a FollowTheMoney entities file (OpenSanctions).", Required = required };
        return option;
    }

    private static Option<string> FormatOption(params string[] formats)
    {
        var option = new Option<string>("--format") { Description = string.Join(" or ", formats) + ".", DefaultValueFactory = _ => formats[0] };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    private static string RequireSource(string? id) => ListSources.IsKnown(id)
        ? id!
        : throw new UsageException(ListSources.Unknown(id));

    /// <summary>Reads an option's YYYY-MM-DD date; a usage error naming the option when it is not one.</summary>
    internal static DateOnly? ParseDate(string? text, string option) => text is null
        ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new UsageException($"{option} '{text}' is not a date: use YYYY-MM-DD");

    private static void More(CliApplication app, int count, int shown)
    {
        if (count > shown)
        {
            app.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"… and {count - shown:N0} more (--limit, or --format json for all)")));
        }
    }

    private static string Tail(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];

    private static string Shorten(string? json) => json is null ? "(none)" : json.Length <= 120 ? json : json[..117] + "...";

    private static string Csv(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}

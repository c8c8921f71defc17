using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Interdict.Core;
using Interdict.Core.Matching;
using Interdict.Lists.Store;
using Interdict.Monitoring;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict monitor</c>: a registry of customers and their owners, re-screened against what changed in the lists.</summary>
internal static class MonitorCommand
{
    public static Command Create(CliApplication app)
    {
        var registry = new Option<string?>("--registry") { Description = "The monitoring registry (SQLite file). Default: PostgreSQL when the Storage:Postgres setting is given (shared with the server's replicas), else the Monitor:Path setting, else monitor.db in the data directory.", Recursive = true };
        var command = new Command("monitor", "Monitor customers continuously: a registry re-screened against what changed in the lists, with owners and the 50% rule.") { registry };
        command.Subcommands.Add(Import(app, registry));
        command.Subcommands.Add(Remove(app, registry));
        command.Subcommands.Add(Run(app, registry));
        command.Subcommands.Add(Alerts(app, registry));
        command.Subcommands.Add(Decide(app, registry));
        command.Subcommands.Add(Approve(app, registry));
        return command;
    }

    private static MonitorStore Open(ParseResult parse, Option<string?> registry)
    {
        try
        {
            // --registry names a SQLite file; otherwise the settings say where the registry is (PostgreSQL or SQLite).
            return parse.GetValue(registry) is { Length: > 0 } path
                ? MonitorStore.Open(path)
                : new Hosting.StoreFactory(Settings.Load().Storage).OpenMonitorStore();
        }
        catch (InterdictException ex)
        {
            throw new DataFileException(ex.Message, ex);
        }
    }

    private static Command Import(CliApplication app, Option<string?> registry)
    {
        var parties = new Argument<string>("PARTIES") { Description = "CSV of parties: id,name[,type,dob,country,identifier] (UTF-8, header)." };
        var ownership = new Option<string?>("--ownership") { Description = "CSV of ownership links: owner_id,owned_id,percent." };
        var command = new Command("import", "Add or update parties by id (and their owners); all or nothing: any bad row stops the import, naming its file and line.") { parties, ownership };
        command.SetAction(parse =>
        {
            using var store = Open(parse, registry);
            try
            {
                var read = RegistryCsv.ReadParties(parse.GetValue(parties)!);
                var ids = read.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                var links = parse.GetValue(ownership) is { } own ? RegistryCsv.ReadLinks(own, id => ids.Contains(id) || store.Has(id)) : null;
                var counts = store.Import(read, links);
                app.Output.WriteLine($"Registry {store.Path}: {counts.Added:N0} added, {counts.Changed:N0} changed, {counts.Unchanged:N0} unchanged{(links is null ? "" : $"; {counts.Links:N0} ownership links")}.");
            }
            catch (RegistryFileException ex)
            {
                throw new DataFileException(ex.Message, ex);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliApplication app, Option<string?> registry)
    {
        var ids = new Argument<string[]>("ID") { Description = "The ids of the parties to remove.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("remove", "Remove parties (their ownership links, and their open alerts closed).") { ids };
        command.SetAction(parse =>
        {
            using var store = Open(parse, registry);
            var unknown = store.Remove(parse.GetValue(ids)!);
            if (unknown.Count > 0)
            {
                throw new UsageException($"not in the registry: {string.Join(", ", unknown)}; nothing was removed");
            }

            app.Output.WriteLine($"Removed {parse.GetValue(ids)!.Length:N0} part{(parse.GetValue(ids)!.Length == 1 ? "y" : "ies")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run(CliApplication app, Option<string?> registry)
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var lists = new Option<string?>("--lists") { Description = "Comma-separated list ids to monitor against (default: every official list and imported FtM dataset)." };
        var threshold = new Option<string?>("--threshold") { Description = "Minimum name score for an alert, 0 to 1 (default from settings: 0.83)." };
        var ownershipPercent = new Option<double>("--ownership-alert") { Description = "Share owned by listed parties from which a lower-priority alert is raised (50% and more: blocked).", DefaultValueFactory = _ => 25 };
        var command = new Command("run", "Screen what changed since the last run (everything on the first), record alerts, apply the 50% rule.") { format, lists, threshold, ownershipPercent };
        command.SetAction(parse =>
        {
            var settings = Settings.Load();
            if (QueryPolicy.ParseThreshold(parse.GetValue(threshold), "--threshold", out var t) is { } bad)
            {
                throw new UsageException(bad);
            }

            if (parse.GetValue(ownershipPercent) is not (> 0 and < 50) and var share)
            {
                throw new UsageException($"--ownership-alert {share.ToString(CultureInfo.InvariantCulture)} is not a share between 0 and 50");
            }

            using var listStore = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var library = new ListLibrary(listStore);
            var ids = (parse.GetValue(lists) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var available = library.Sources();
            foreach (var id in ids.Where(id => !available.Contains(id)))
            {
                throw new UsageException($"--lists: '{id}' is not a list in force; available: {string.Join(", ", available)}");
            }

            using var store = Open(parse, registry);
            var report = new MonitorRunner(store, library).Run(new MonitorOptions
            {
                Lists = ids.Length > 0 ? ids : null,
                Threshold = t ?? settings.Screening.Threshold,
                OwnershipAlertPercent = parse.GetValue(ownershipPercent),
            });
            // New and reopened alerts are posted to Monitoring:Webhooks now (once; what fails waits in the outbox for the
            // next run or the server, with backoff).
            if (settings.Webhooks.Count > 0)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                var delivered = new WebhookSender(store, http).DeliverDueAsync(settings.Webhooks, CancellationToken.None).GetAwaiter().GetResult();
                var waiting = store.Undelivered();
                app.Error.WriteLine($"webhooks: {delivered:N0} delivered{(waiting > 0 ? $", {waiting:N0} waiting to be retried (by the next monitor run or the server)" : "")}");
            }

            if (parse.GetValue(format) == "json")
            {
                app.Output.WriteLine(JsonSerializer.Serialize(report, ScreeningJson.Indented));
                return report.Opened.Count > 0 ? ExitCodes.HitsFound : ExitCodes.Success;
            }

            app.Output.WriteLine(report.FirstRun
                ? $"Run {report.RunId}: first run: {report.PartiesScreenedInFull:N0} parties screened against every listed entity."
                : $"Run {report.RunId}: since the last run {report.EntitiesAdded:N0} listed entities added, {report.EntitiesChanged:N0} changed, {report.EntitiesRemoved:N0} removed; " +
                  $"{report.PartiesScreenedAgainstChanges:N0} parties screened against the added and changed entities, {report.PartiesScreenedInFull:N0} new or changed parties against every entity.");
            app.Output.WriteLine($"Lists: {string.Join(", ", report.Lists.Select(l => $"{l.Key} {l.Value}"))}. {report.Opened.Count:N0} alerts raised, {report.Closed.Count:N0} closed.");
            Table(app, "Raised", report.Opened);
            Table(app, "Closed", report.Closed);
            if (report.ToReview.Count > 0)
            {
                app.Output.WriteLine($"{report.ToReview.Count:N0} confirmed true match(es) lost their ground (delisted, or no longer owned): they stay confirmed; review whether the block can be lifted.");
                Table(app, "To review", report.ToReview);
            }

            return report.Opened.Count > 0 ? ExitCodes.HitsFound : ExitCodes.Success;
        });
        return command;
    }

    private static Command Alerts(CliApplication app, Option<string?> registry)
    {
        var all = new Option<bool>("--all") { Description = "Closed alerts too." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("alerts", "The monitoring alerts (open ones unless --all).") { all, format };
        command.SetAction(parse =>
        {
            using var store = Open(parse, registry);
            var alerts = store.Alerts(parse.GetValue(all));
            if (parse.GetValue(format) == "json")
            {
                app.Output.WriteLine(JsonSerializer.Serialize(alerts, ScreeningJson.Indented));
            }
            else
            {
                Table(app, "Alerts", alerts);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Four eyes: one person proposes, another approves; both steps go to the alert's history and the audit trail.
    private static Command Decide(CliApplication app, Option<string?> registry)
    {
        var id = new Argument<long>("ALERT") { Description = "The alert number." };
        var decision = new Option<string>("--decision") { Description = string.Join("; ", MonitorDecisions.All.Select(d => $"{d.Key}: {d.Value}")), Required = true };
        decision.AcceptOnlyFromAmong([.. MonitorDecisions.All.Keys]);
        var reason = new Option<string>("--reason") { Description = "Why (kept in the alert's history and the audit trail).", Required = true };
        var by = new Option<string>("--by") { Description = "Who proposes it.", Required = true };
        var command = new Command("decide", "Propose a decision on an alert; it takes effect when another person approves it (monitor approve).") { id, decision, reason, by };
        command.SetAction(parse => Step(app, parse, registry, "monitor-propose", parse.GetValue(id), parse.GetValue(by)!, parse.GetValue(reason)!, parse.GetValue(decision), store =>
        {
            store.Propose(parse.GetValue(id), parse.GetValue(decision)!, parse.GetValue(reason)!, parse.GetValue(by)!, TimeProvider.System.GetUtcNow());
            return $"Alert {parse.GetValue(id)}: {parse.GetValue(decision)} proposed by {parse.GetValue(by)}; it takes effect when someone else approves it.";
        }));
        return command;
    }

    private static Command Approve(CliApplication app, Option<string?> registry)
    {
        var id = new Argument<long>("ALERT") { Description = "The alert number." };
        var reject = new Option<bool>("--reject") { Description = "Reject the proposed decision instead." };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the alert's history and the audit trail).", DefaultValueFactory = _ => "approved" };
        var by = new Option<string>("--by") { Description = "Who approves it: not the person who proposed it.", Required = true };
        var command = new Command("approve", "Approve (or --reject) the decision proposed on an alert: the second pair of eyes.") { id, reject, reason, by };
        command.SetAction(parse => Step(app, parse, registry, parse.GetValue(reject) ? "monitor-reject" : "monitor-approve", parse.GetValue(id), parse.GetValue(by)!, parse.GetValue(reason)!, null, store =>
        {
            var done = store.Approve(parse.GetValue(id), !parse.GetValue(reject), parse.GetValue(reason)!, parse.GetValue(by)!, TimeProvider.System.GetUtcNow());
            return done is null ? $"Alert {parse.GetValue(id)}: the proposed decision was rejected by {parse.GetValue(by)}." : $"Alert {parse.GetValue(id)}: {done} approved by {parse.GetValue(by)}; in effect.";
        }));
        return command;
    }

    private static int Step(CliApplication app, ParseResult parse, Option<string?> registry, string action, long alertId, string by, string reason, string? decision, Func<MonitorStore, string> apply)
    {
        using var store = Open(parse, registry);
        string message;
        try
        {
            message = apply(store);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new UsageException(ex.Message);
        }

        // The step is recorded in the audit trail beside the server's records.
        var storage = Settings.Load().Storage;
        using (var audit = new Hosting.StoreFactory(storage).OpenAuditLog())
        {
            audit.Append([new Core.Audit.AuditEntry
            {
                At = TimeProvider.System.GetUtcNow(),
                Principal = by,
                Action = action,
                Client = "cli",
                Request = JsonSerializer.Serialize(new { alert = alertId, decision, reason, registry = store.Path }, ScreeningJson.Compact),
                Lists = "",
                Algorithm = "",
                Result = message,
            }]);
        }

        app.Output.WriteLine(message);
        return ExitCodes.Success;
    }

    private static void Table(CliApplication app, string title, IReadOnlyList<MonitorAlert> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"{title} ({alerts.Count:N0})")
            .AddColumn("Alert").AddColumn("Customer").AddColumn("Listed party / owners").AddColumn("Kind").AddColumn("Priority").AddColumn("Score", c => c.RightAligned()).AddColumn("Reason");
        foreach (var a in alerts)
        {
            var reason = a.Status == "closed" ? a.CloseReason ?? "" : a.Status == "confirmed" ? "confirmed a true match" : a.Reason;
            var what = a.Kind == "ownership" ? string.Join("; ", JsonDocument.Parse(a.Details).RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetString())) : string.Join(", ", a.EntityIds);
            table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{a.PartyId} {a.PartyName}"), Markup.Escape(what), a.Kind, a.Priority,
                a.Score.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(reason));
        }

        app.Console.Write(table);
    }
}

using System.CommandLine;
using System.Globalization;
using Interdict.Core;
using Interdict.Core.Audit;
using Interdict.Storage.Postgres;
using Interdict.Storage.Sqlite;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict audit verify|export</c>: the screening service's audit trail.</summary>
internal static class AuditCommand
{
    public static Command Create(CliApplication app)
    {
        var audit = new Option<string?>("--audit") { Description = "The audit trail's SQLite file (default: the Audit:Path setting, else audit.db in the data directory). With Storage:Postgres set, PostgreSQL is read instead.", Recursive = true };
        var command = new Command("audit", "Verify or export the audit trail of screening requests.") { audit };
        command.Subcommands.Add(Verify(app, audit));
        command.Subcommands.Add(Export(app, audit));
        return command;
    }

    private static Command Verify(CliApplication app, Option<string?> audit)
    {
        var command = new Command("verify", "Check the hash chain: report any record that was edited, inserted or deleted. Exit code 5 when the chain is broken.");
        command.SetAction(parse =>
        {
            using var log = Open(parse.GetValue(audit));
            var result = AuditChain.Verify(log.Read(), log.Head());
            if (result.Intact)
            {
                app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{log.Location}: {result.Records:N0} records, chain intact. Head: record {result.Head.Seq}, {result.Head.Hash}"));
                return ExitCodes.Success;
            }

            app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{log.Location}: {result.Records:N0} records, chain BROKEN ({result.Problems.Count} problem(s)):"));
            foreach (var p in result.Problems)
            {
                app.Output.WriteLine($"  {p}");
            }

            return ExitCodes.AuditBroken;
        });
        return command;
    }

    private static Command Export(CliApplication app, Option<string?> audit)
    {
        var from = new Option<string?>("--from") { Description = "First day (YYYY-MM-DD, UTC) or time (ISO 8601) to export, inclusive." };
        var to = new Option<string?>("--to") { Description = "Day or time to stop before, exclusive." };
        var format = new Option<string>("--format") { Description = "jsonl (JSON lines) or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output") { Description = "File to write (default: standard output)." };
        var command = new Command("export", "Export audit records for a date range as JSON lines or CSV (every hashed field, so the export can be checked).") { from, to, format, output };
        command.SetAction(parse =>
        {
            var since = Time(parse.GetValue(from), "--from");
            var until = Time(parse.GetValue(to), "--to");
            using var log = Open(parse.GetValue(audit));
            var path = parse.GetValue(output);
            // Written whole or not at all: an export that fails part-way leaves no truncated file for anyone to check.
            var n = OutputFile.Write(path, app.Output, writer =>
            {
                var records = log.Read(since, until);
                return parse.GetValue(format) == "csv" ? AuditExport.WriteCsv(records, writer) : AuditExport.WriteJsonLines(records, writer);
            });

            app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {n:N0} records from {log.Location}{(path is null ? "" : " to " + path)}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static IAuditLog Open(string? path)
    {
        var settings = Settings.Load();
        try
        {
            if (path is null && settings.Postgres is { } pg)
            {
                return PostgresAuditLog.Open(pg);
            }

            var file = path ?? settings.AuditPath;
            if (!File.Exists(file))
            {
                throw new DataFileException($"{file}: no audit trail here (the server writes it on its first screening; see Audit:Path)");
            }

            return SqliteAuditLog.Open(file);
        }
        catch (InterdictException ex)
        {
            throw new DataFileException(ex.Message, ex);
        }
    }

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return AuditColumns.TryParseBound(text, out var t)
            ? t
            : throw new UsageException($"{option} '{text}' is not a date (YYYY-MM-DD) or an ISO 8601 time");
    }
}

using System.CommandLine;
using System.Globalization;
using Interdict.Core;
using Interdict.Core.Audit;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict audit verify|export</c>: the screening service's audit trail.</summary>
internal static class AuditCommand
{
    public static Command Create(CliApplication app)
    {
        var audit = new Option<string?>("--audit") { Description = "The audit trail's SQLite file (default: the Audit:Path setting, else audit.db in the data directory). With Storage:Postgres set, PostgreSQL is read instead.", Recursive = true };
        var command = new Command("audit", "Verify or export the audit trail of screening requests.") { audit };
        command.Subcommands.Add(Verify(app, audit));
        command.Subcommands.Add(Anchor(app, audit));
        command.Subcommands.Add(KeyNew(app));
        command.Subcommands.Add(Export(app, audit));
        return command;
    }

    private static Option<string?> KeyFileOption() =>
        new("--key-file") { Description = "The trail's HMAC key file (default: the Audit:KeyFile setting); needed to check keyed records." };

    private static Command Verify(CliApplication app, Option<string?> audit)
    {
        var keyFile = KeyFileOption();
        var anchor = new Option<string?>("--anchor") { Description = "An anchor written earlier by 'audit anchor' (kept elsewhere): the trail must still hold that record with that hash, which a truncated or re-hashed trail does not." };
        var command = new Command("verify", "Check the hash chain: report any record that was edited, inserted or deleted (and, with --anchor, a trail cut short). Exit code 5 when the chain is broken.") { keyFile, anchor };
        command.SetAction(parse =>
        {
            var key = Key(parse.GetValue(keyFile));
            var anchored = parse.GetValue(anchor) is { } anchorPath ? ReadAnchor(anchorPath) : null;
            using var log = Open(parse.GetValue(audit));
            var records = log.Read();
            AuditRecord? atAnchor = null;
            var result = AuditChain.Verify(anchored is null ? records : records.Select(r => r.Seq == anchored.Seq ? atAnchor = r : r), log.Head(), key: key);
            var problems = result.Problems.ToList();
            if (anchored is not null)
            {
                if (atAnchor is null)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"the anchor names record {anchored.Seq} ({anchored.At}), which the trail no longer holds: it was cut short (it ends at record {result.Head.Seq})"));
                }
                else if (!string.Equals(atAnchor.Hash, anchored.Hash, StringComparison.Ordinal))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"record {anchored.Seq} has hash {atAnchor.Hash}, not the anchor's {anchored.Hash}: the chain was re-hashed since the anchor was written"));
                }
            }

            if (problems.Count == 0)
            {
                app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{log.Location}: {result.Records:N0} records, chain intact{(key is null ? "" : $" (keyed records checked with key {AuditChain.KeyId(key)})")}{(anchored is null ? "" : $", anchor at record {anchored.Seq} matches")}. Head: record {result.Head.Seq}, {result.Head.Hash}"));
                return ExitCodes.Success;
            }

            app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{log.Location}: {result.Records:N0} records, chain BROKEN ({problems.Count} problem(s)):"));
            foreach (var p in problems)
            {
                app.Output.WriteLine($"  {p}");
            }

            return ExitCodes.AuditBroken;
        });
        return command;
    }

    private static Command Anchor(CliApplication app, Option<string?> audit)
    {
        var output = new Option<string?>("--output") { Description = "File to write the anchor to (default: standard output). Keep it elsewhere: another system, a ticket, a signed e-mail." };
        var command = new Command("anchor", "Write the chain head (sequence, hash, time) for safekeeping outside the server: 'audit verify --anchor FILE' then detects a trail cut short or re-hashed since.") { output };
        command.SetAction(parse =>
        {
            using var log = Open(parse.GetValue(audit));
            var head = log.Head();
            var at = head.Seq == 0 ? "" : log.Read().Last().Entry.AtText;
            var json = AuditAnchor.Write(new AuditAnchor(head.Seq, head.Hash, at));
            OutputFile.Write(parse.GetValue(output), app.Output, writer =>
            {
                writer.WriteLine(json);
                return 0;
            });
            app.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Anchor: record {head.Seq} of {log.Location}; keep it where this server cannot change it."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command KeyNew(CliApplication app)
    {
        var file = new Argument<string>("FILE") { Description = "The key file to create (it must not exist); readable by its owner only." };
        var command = new Command("key-new", "Make a random HMAC key for the audit trail; set Audit:KeyFile to it (server and 'audit verify').") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var id = Interdict.Server.Hosting.AuditKeys.Create(path);
                app.Output.WriteLine($"Wrote a 64-byte key to {path} (key id {id}). Set Audit:KeyFile={Path.GetFullPath(path)} for the server; keep a copy where the database's administrators cannot reach it.");
                return ExitCodes.Success;
            }
            catch (IOException ex)
            {
                throw new DataFileException($"{path}: cannot be created: {ex.Message}", ex);
            }
        });
        return command;
    }

    private static AuditAnchor ReadAnchor(string path)
    {
        try
        {
            return AuditAnchor.Parse(File.ReadAllText(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"{path}: cannot be read: {ex.Message}", ex);
        }
        catch (InterdictException ex)
        {
            throw new DataFileException(ex.Message, ex);
        }
    }

    internal static byte[]? Key(string? path)
    {
        path ??= Settings.Load().AuditKeyFile;
        try
        {
            return path is null ? null : Interdict.Server.Hosting.AuditKeys.Read(path, "--key-file");
        }
        catch (InvalidOperationException ex)
        {
            throw new DataFileException(ex.Message, ex);
        }
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
        var storage = Settings.Load().Storage;
        if (path is not null)
        {
            storage.Postgres = null;
            storage.AuditPath = path;
        }

        try
        {
            if (storage.Postgres is null && !File.Exists(storage.AuditPath))
            {
                throw new DataFileException($"{storage.AuditPath}: no audit trail here (the server writes it on its first screening; see Audit:Path)");
            }

            return new Hosting.StoreFactory(storage).OpenAuditLog();
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

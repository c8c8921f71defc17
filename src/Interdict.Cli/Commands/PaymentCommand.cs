using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Lists.Store;
using Interdict.Payments;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict screen-payment FILE...</c>: ISO 20022 and SWIFT MT messages, every party, agent, address and free text.</summary>
internal static class PaymentCommand
{
    /// <summary>The largest message file read.</summary>
    private const int MaxBytes = 1 << 20;

    public static Command Create(CliApplication app)
    {
        var files = new Argument<string[]>("FILE") { Description = "Payment messages: ISO 20022 XML (pacs.008, pacs.009, pain.001) or SWIFT MT (103, 202; an .rje file of several, separated by $).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "table or json (one JSON object per message).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var failOnHit = new Option<bool>("--fail-on-hit") { Description = "Exit with code 1 when any message is held." };
        var lists = new Option<string?>("--lists") { Description = "Comma-separated list ids (default: every list in force)." };
        var threshold = new Option<string?>("--threshold") { Description = "Minimum name score for a hit, 0 to 1 (default from settings: 0.83)." };
        var jurisdictions = new Option<string?>("--jurisdictions") { Description = $"Comma-separated sanctioned jurisdictions and regions: ISO codes and names of countries, regions, towns or ports (default: the Payments:Jurisdictions setting, else {string.Join(", ", PaymentScreener.DefaultJurisdictions)})." };
        var command = new Command("screen-payment", "Screen payment messages: names, BICs, sanctioned jurisdictions and free text; each message held or passed.") { files, format, failOnHit, lists, threshold, jurisdictions };
        command.SetAction(parse =>
        {
            var settings = Settings.Load();
            if (QueryPolicy.ParseThreshold(parse.GetValue(threshold), "--threshold", out var t) is { } bad)
            {
                throw new UsageException(bad);
            }

            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var ids = (parse.GetValue(lists) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var engine = new ScreeningEngine(ListCatalog.Select(ids, [], new ListLibrary(store)));
            var places = (parse.GetValue(jurisdictions) ?? settings.PaymentJurisdictions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var screener = new PaymentScreener(engine, t ?? settings.Screening.Threshold, places.Length > 0 ? places : null);
            var json = parse.GetValue(format) == "json";
            int held = 0, failed = 0;
            foreach (var path in parse.GetValue(files)!)
            {
                foreach (var (name, outcome) in Read(path))
                {
                    if (outcome is string error)
                    {
                        failed++;
                        app.Error.WriteLine($"error: {error}");
                        if (json)
                        {
                            app.Output.WriteLine(JsonSerializer.Serialize(new { file = name, error }, ScreeningJson.Compact));
                        }

                        continue;
                    }

                    var result = screener.Screen((PaymentMessage)outcome);
                    held += result.Decision == "hold" ? 1 : 0;
                    if (json)
                    {
                        app.Output.WriteLine(JsonSerializer.Serialize(result, ScreeningJson.Compact));
                    }
                    else
                    {
                        Render(app, result);
                    }
                }
            }

            return failed > 0 ? ExitCodes.DataError : held > 0 && parse.GetValue(failOnHit) ? ExitCodes.HitsFound : ExitCodes.Success;
        });
        return command;
    }

    // Each message of a file, read; or why it cannot be.
    private static IEnumerable<(string Name, object Outcome)> Read(string path)
    {
        if (!File.Exists(path))
        {
            yield return (path, $"{path}: file not found");
            yield break;
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            yield return (path, $"{path}: larger than {MaxBytes:N0} bytes; a payment message is far smaller");
            yield break;
        }

        var bytes = File.ReadAllBytes(path);
        if (Decode(bytes) is not { } text)
        {
            yield return (path, $"{path}: not UTF-8 text (a payment message is UTF-8; is it in another encoding?)");
            yield break;
        }

        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (trimmed.StartsWith('<'))
        {
            yield return (path, Try(() => Iso20022Reader.Read(bytes, path)));
            yield break;
        }

        var parts = trimmed.Split('$', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var name = parts.Length == 1 ? path : $"{path} (message {i + 1})";
            // An .rje file may put a service message (an ACK, block 1 F21) before each message: the message follows it.
            var message = parts[i].StartsWith("{1:F21", StringComparison.Ordinal) && parts[i].IndexOf("{1:F01", StringComparison.Ordinal) is var k and > 0 ? parts[i][k..] : parts[i];
            yield return (name, Try(() => MtReader.Read(message, name)));
        }
    }

    private static string? Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static object Try(Func<PaymentMessage> read)
    {
        try
        {
            return read();
        }
        catch (PaymentFormatException ex)
        {
            return ex.Message;
        }
    }

    private static void Render(CliApplication app, PaymentResult r)
    {
        app.Console.MarkupLine($"{Markup.Escape(r.File)}: {Markup.Escape(r.Format)} {Markup.Escape(r.MessageId)}: {(r.Decision == "hold" ? "[red bold]HOLD[/]" : "[green]pass[/]")}");
        if (r.Hits.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Field").AddColumn("Value").AddColumn("Kind").AddColumn("Entity").AddColumn("Score", c => c.RightAligned()).AddColumn("Why");
        foreach (var h in r.Hits)
        {
            table.AddRow(Markup.Escape(h.Field), Markup.Escape(h.Value), h.Kind, Markup.Escape(h.EntityId ?? ""), h.Score.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(h.Explanation));
        }

        app.Console.Write(table);
    }
}

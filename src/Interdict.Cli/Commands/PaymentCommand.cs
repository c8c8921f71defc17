using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Lists.Store;
using Interdict.Payments;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict screen-payment FILE...</c>: ISO 20022 and SWIFT MT messages, every party, agent, address and free text.</summary>
internal static class PaymentCommand
{
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
            var screener = Screener(engine, settings, t, parse.GetValue(jurisdictions));
            var json = parse.GetValue(format) == "json";
            int held = 0, failed = 0;
            foreach (var path in parse.GetValue(files)!)
            {
                foreach (var (name, message, readError) in Read(path))
                {
                    if (readError is { } error)
                    {
                        failed++;
                        app.Error.WriteLine($"error: {error}");
                        if (json)
                        {
                            app.Output.WriteLine(JsonSerializer.Serialize(new { file = name, error }, ScreeningJson.Compact));
                        }

                        continue;
                    }

                    var result = screener.Screen(message!);
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

    /// <summary>The screener of the payment commands: the threshold given, else the setting; the jurisdictions given, else Payments:Jurisdictions, else the built-in set.</summary>
    internal static PaymentScreener Screener(ScreeningEngine engine, Settings settings, double? threshold, string? jurisdictions) =>
        new(engine, threshold ?? settings.Screening.Threshold, PaymentScreener.ParseJurisdictions(jurisdictions ?? settings.PaymentJurisdictions));

    // Each message of a file, read; or why it cannot be.
    private static IEnumerable<(string Name, PaymentMessage? Message, string? Error)> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [(path, null, $"{path}: file not found")];
        }

        // Refused before it is read into memory.
        if (new FileInfo(path).Length > PaymentText.DefaultMaxBytes)
        {
            return [(path, null, $"{path}: larger than {PaymentText.DefaultMaxBytes:N0} bytes; a payment message is far smaller")];
        }

        return PaymentText.ReadAll(File.ReadAllBytes(path), path);
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

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Interdict.Core.Matching;
using Interdict.Lists.Store;
using Interdict.Payments;
using Interdict.Payments.Queue;
using RabbitMQ.Client.Exceptions;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict payment-filter</c>: payments screened inline on a RabbitMQ queue, each published to a pass, hold or dead-letter queue.</summary>
internal static class PaymentFilterCommand
{
    /// <summary>The broker when neither --broker nor Payments:Broker says: RabbitMQ's own default on this machine.</summary>
    public const string DefaultBroker = "amqp://guest:guest@127.0.0.1:5672/";

    public static Command Create(CliApplication app)
    {
        var broker = new Option<string?>("--broker") { Description = $"The RabbitMQ broker, an amqp:// URI (default: the Payments:Broker setting, else {DefaultBroker})." };
        var input = new Option<string>("--input") { Description = "The queue payments arrive on.", DefaultValueFactory = _ => "payments.in" };
        var pass = new Option<string>("--pass") { Description = "The queue passed payments go to.", DefaultValueFactory = _ => "payments.pass" };
        var hold = new Option<string>("--hold") { Description = "The queue held payments go to.", DefaultValueFactory = _ => "payments.hold" };
        var dead = new Option<string>("--dead-letter") { Description = "The queue of messages that cannot be read, each with the reason.", DefaultValueFactory = _ => "payments.dead" };
        var batch = new Option<int>("--batch") { Description = "At most this many messages decided, recorded and acknowledged together (1 to 10,000).", DefaultValueFactory = _ => 200 };
        var idle = new Option<double?>("--idle-exit") { Description = "Stop once no message has arrived for this many seconds (default: run until stopped)." };
        var reload = new Option<double>("--reload-seconds") { Description = "How often to check the list store for other lists in force (an update, a switch) and screen with them from the next batch; 0: never.", DefaultValueFactory = _ => 60 };
        var name = new Option<string?>("--name") { Description = "This filter's name in the audit trail and on each message (default: host:pid)." };
        var lists = new Option<string?>("--lists") { Description = "Comma-separated list ids (default: every list in force)." };
        var threshold = new Option<string?>("--threshold") { Description = "Minimum name score for a hit, 0 to 1 (default from settings: 0.83)." };
        var jurisdictions = new Option<string?>("--jurisdictions") { Description = "Comma-separated sanctioned jurisdictions and regions (default: the Payments:Jurisdictions setting, else the built-in set)." };
        var command = new Command("payment-filter", "Screen payments inline on a RabbitMQ queue: each message to the pass, hold or dead-letter queue with its decision, recorded in the audit trail before the input is acknowledged.")
        {
            broker, input, pass, hold, dead, batch, idle, reload, name, lists, threshold, jurisdictions,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = Settings.Load();
            if (QueryPolicy.ParseThreshold(parse.GetValue(threshold), "--threshold", out var t) is { } bad)
            {
                throw new UsageException(bad);
            }

            var uriText = parse.GetValue(broker) ?? settings.PaymentBroker ?? DefaultBroker;
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            {
                throw new UsageException($"--broker (or Payments:Broker) is '{uriText}'; expected an amqp:// or amqps:// URI");
            }

            if (parse.GetValue(batch) is < 1 or > 10_000)
            {
                throw new UsageException($"--batch is {parse.GetValue(batch)}; expected 1 to 10,000");
            }

            if (parse.GetValue(reload) is < 0 or > 86_400)
            {
                throw new UsageException("--reload-seconds must be 0 (never) to 86400");
            }

            if (parse.GetValue(idle) is <= 0)
            {
                throw new UsageException("--idle-exit must be a positive number of seconds");
            }

            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var ids = (parse.GetValue(lists) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var library = new ListLibrary(store);
            // The lists in force, each by its version: when this changes, the filter screens with the new lists.
            string InForce() => string.Join(", ", (ids.Length > 0 ? ids : library.Sources()).Select(id => $"{id} {library.InForce(id).Label}"));
            (PaymentScreener, ScreeningEngine) Build()
            {
                var built = new ScreeningEngine(ListCatalog.Select(ids, [], library));
                return (PaymentCommand.Screener(built, settings, t, parse.GetValue(jurisdictions)), built);
            }

            var inForce = InForce();
            var (screener, engine) = Build();
            using var audit = new Hosting.StoreFactory(settings.Storage).OpenAuditLog(AuditCommand.Key(null));
            var options = new PaymentFilterOptions
            {
                Broker = uri,
                Input = parse.GetValue(input)!,
                Pass = parse.GetValue(pass)!,
                Hold = parse.GetValue(hold)!,
                DeadLetter = parse.GetValue(dead)!,
                Batch = parse.GetValue(batch),
                IdleExit = parse.GetValue(idle) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Instance = parse.GetValue(name) ?? $"{Environment.MachineName}:{Environment.ProcessId}",
            };
            var filter = new PaymentFilter(screener, engine, audit, options);

            // SIGTERM (a service manager's stop) ends the run as Ctrl+C does: the batch in hand is finished, the rest goes back to the queue.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            app.Error.WriteLine($"payment-filter {options.Instance}: {Redact(uri)} {options.Input} -> {options.Pass} | {options.Hold} | {options.DeadLetter}; {engine.NameCount:N0} names from {inForce}; audit {audit.Location}");
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            var progress = new Progress<PaymentFilterCounts>(c =>
            {
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    app.Error.WriteLine(Line(c, clock.Elapsed));
                }
            });
            // A list update reaches the filter within --reload-seconds. If the new lists cannot be loaded the filter stops
            // (the payments wait on the queue) rather than go on screening against lists no longer in force.
            string? reloadFailure = null;
            var reloading = parse.GetValue(reload) is > 0 and var every ? Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(every), stop.Token);
                        var now = InForce();
                        if (now != inForce)
                        {
                            var (nextScreener, nextEngine) = Build();
                            filter.Replace(nextScreener, nextEngine);
                            inForce = now;
                            app.Error.WriteLine($"payment-filter {options.Instance}: lists in force now {now}; screening with them from the next batch");
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Stopped.
                }
#pragma warning disable CA1031 // Any failure to load the lists in force stops the filter, named.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    reloadFailure = $"the lists in force changed but could not be loaded ({ex.Message}); stopped so that no payment is screened against lists no longer in force";
                    await stop.CancelAsync();
                }
            }, CancellationToken.None) : Task.CompletedTask;
            try
            {
                await filter.RunAsync(progress, stop.Token);
                await stop.CancelAsync();
                await reloading;
                if (reloadFailure is not null)
                {
                    app.Error.WriteLine($"error: payment-filter {options.Instance}: {reloadFailure}");
                    return ExitCodes.DataError;
                }
            }
            catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or PublishException or IOException)
            {
                app.Error.WriteLine($"error: payment-filter stopped: {ex.Message} (messages not acknowledged go back to {options.Input})");
                return ExitCodes.DataError;
            }

            app.Error.WriteLine(Line(filter.Counts, clock.Elapsed) + " (stopped)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Line(PaymentFilterCounts c, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Total:N0} messages: {c.Passed:N0} passed, {c.Held:N0} held, {c.Rejected:N0} rejected ({c.Redelivered:N0} delivered again); {c.Total / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s");

    // The broker's address without its password.
    private static string Redact(Uri uri) => uri.UserInfo.Length == 0 ? uri.ToString() : uri.ToString().Replace(uri.UserInfo + "@", uri.UserInfo.Split(':')[0] + ":***@", StringComparison.Ordinal);
}

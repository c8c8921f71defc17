using Interdict.Hosting;
using Interdict.Lists.Store;
using Interdict.Monitoring;

namespace Interdict.Server.Hosting;

/// <summary>The <c>Monitoring</c> settings: the schedule and the webhooks.</summary>
internal sealed record MonitorSettings(TimeSpan Interval, IReadOnlyList<WebhookTarget> Webhooks)
{
    public static MonitorSettings From(IConfiguration config)
    {
        var text = config["Monitoring:IntervalSeconds"];
        var seconds = 3600.0;
        if (text is not null && (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds is < 0 or > 604_800))
        {
            throw ServerSettings.Invalid("Monitoring:IntervalSeconds", text, "a number of seconds from 0 (only after list changes) to 604800");
        }

        var hooks = new List<WebhookTarget>();
        foreach (var hook in config.GetSection("Monitoring:Webhooks").GetChildren())
        {
            var url = hook["Url"];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw ServerSettings.Invalid($"Monitoring:Webhooks:{hook.Key}:Url", url ?? "", "an http(s) URL");
            }

            if (hook["Secret"] is not { Length: >= 16 } secret)
            {
                throw ServerSettings.Invalid($"Monitoring:Webhooks:{hook.Key}:Secret", "(hidden)", "a secret of at least 16 characters, which signs every message");
            }

            hooks.Add(new WebhookTarget(uri, secret));
        }

        return new MonitorSettings(TimeSpan.FromSeconds(seconds), hooks);
    }
}

/// <summary>
/// Runs monitoring in the server: after each change of the lists in force, on the <c>Monitoring:IntervalSeconds</c>
/// schedule, and on request; and delivers the webhook messages (every few seconds, with backoff per message). One run
/// at a time. Nothing happens until a registry exists (<c>interdict monitor import</c> or <c>POST /v1/monitor/parties</c>).
/// </summary>
internal sealed class MonitorHost(EngineHost engines, ServerSettings settings, MonitorSettings monitor, StoreFactory stores, TimeProvider time, ILogger<MonitorHost> log)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // One client for every delivery (the service posts every few seconds): connections are reused, not opened each time.
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>True once a registry holds parties (a SQLite file, or parties in the shared PostgreSQL registry).</summary>
    public bool HasRegistry => stores.HasMonitorRegistry();

    public MonitorStore OpenRegistry() => stores.OpenMonitorStore();

    /// <summary>Runs now (waiting for a run under way); null when there is no registry.</summary>
    public async Task<MonitorReport?> RunAsync(CancellationToken cancellationToken)
    {
        if (!HasRegistry)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var registry = OpenRegistry();
            using var listStore = engines.OpenStore();
            var report = new MonitorRunner(registry, new ListLibrary(listStore), time).Run(new MonitorOptions
            {
                Lists = engines.Current.Lists.Select(l => l.Id).ToList(),
                Threshold = settings.Threshold,
                Matcher = settings.Algorithm,
            });
            if (log.IsEnabled(LogLevel.Information))
            {
                log.LogInformation("Monitoring run {Run}: {Opened} alert(s) raised, {Closed} closed ({Added} entities added, {Changed} changed, {Removed} removed since the last run)",
                    report.RunId, report.Opened.Count, report.Closed.Count, report.EntitiesAdded, report.EntitiesChanged, report.EntitiesRemoved);
            }

            await DeliverAsync(cancellationToken);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _http.Dispose();
    }

    /// <summary>Posts the webhook messages that are due.</summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (monitor.Webhooks.Count == 0 || !HasRegistry)
        {
            return;
        }

        using var registry = OpenRegistry();
        await new WebhookSender(registry, _http, time).DeliverDueAsync(monitor.Webhooks, cancellationToken);
    }
}

/// <summary>Runs monitoring after list changes and on its schedule, and delivers webhooks every few seconds.</summary>
internal sealed class MonitorService(MonitorHost host, EngineHost engines, MonitorSettings monitor, TimeProvider time, ILogger<MonitorService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = engines.Current;
        var lastRun = time.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var changed = !ReferenceEquals(seen, engines.Current);
                var due = monitor.Interval > TimeSpan.Zero && time.GetUtcNow() - lastRun >= monitor.Interval;
                if (changed || due)
                {
                    seen = engines.Current;
                    lastRun = time.GetUtcNow();
                    await host.RunAsync(stoppingToken);
                }
                else
                {
                    await host.DeliverAsync(stoppingToken);
                }
            }
#pragma warning disable CA1031 // The edge of the background loop: a failed run is logged and tried again.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                log.LogError(ex, "Monitoring failed; it is tried again on the next change or schedule");
            }
        }
    }
}

using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists.Bundled;
using Interdict.Lists.Store;
using Interdict.Hosting;

namespace Interdict.Server.Hosting;

/// <summary>A loaded list: which version screening uses.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Version">Its label: <c>v12</c> (stored) or <c>bundled</c>.</param>
/// <param name="PublicationDate">Its publication date.</param>
/// <param name="ContentHash">The SHA-256 of its files.</param>
/// <param name="Entities">How many entities it holds.</param>
internal sealed record LoadedList(string Id, string Version, DateOnly? PublicationDate, string ContentHash, int Entities);

/// <summary>The engine in use and what it was built from; replaced whole when lists change, so a request sees one consistent set.</summary>
internal sealed record EngineSnapshot(ScreeningEngine Engine, IReadOnlyList<LoadedList> Lists, DateTimeOffset LoadedAt);

/// <summary>The outcome of the last check for new list versions.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Changed">True when a new engine was built.</param>
/// <param name="Error">Why it failed; the previous lists stay in use.</param>
internal sealed record RefreshOutcome(DateTimeOffset At, bool Changed, string? Error);

/// <summary>
/// Holds the screening engine: the versions in force in the list store (the bundled snapshot for sources never imported),
/// built at start and rebuilt when <see cref="Refresh"/> finds a newer version in force.
/// </summary>
internal sealed class EngineHost
{
    private readonly ServerSettings _settings;
    private readonly StoreFactory _stores;
    private readonly TimeProvider _time;
    private readonly ILogger<EngineHost> _log;
    private readonly Lock _refreshGate = new();
    private volatile EngineSnapshot _current;

    public EngineHost(ServerSettings settings, StoreFactory stores, TimeProvider time, ILogger<EngineHost> log)
    {
        _settings = settings;
        _stores = stores;
        _time = time;
        _log = log;
        using (var store = OpenStore())
        {
            var library = new ListLibrary(store);
            _current = Build(library, InForce(library));
        }

        if (_log.IsEnabled(LogLevel.Information))
        {
            _log.LogInformation("Loaded {Lists} ({Names:N0} names indexed, {Algorithm})",
            string.Join(", ", _current.Lists.Select(l => $"{l.Id} {l.Version} ({l.PublicationDate:yyyy-MM-dd}, {l.Entities:N0} entities)")), _current.Engine.NameCount, _current.Engine.AlgorithmName);
        }
    }

    public EngineSnapshot Current => _current;

    public RefreshOutcome? LastRefresh { get; private set; }

    /// <summary>Where the list store is: the PostgreSQL database (<c>Storage:Postgres</c>) or the SQLite file (<c>Store:Path</c>).</summary>
    public string StoreLocation => _stores.ListStoreLocation;

    /// <summary>
    /// Opens the list store: PostgreSQL when <c>Storage:Postgres</c> is set (shared by every replica), else the SQLite
    /// file, or null when that was never created (nothing imported: the bundled lists are used).
    /// </summary>
    public IListStore? OpenStore() => _stores.OpenExistingListStore();

    /// <summary>Rebuilds the engine when the versions in force changed; keeps the current one on any failure.</summary>
    public RefreshOutcome Refresh()
    {
        lock (_refreshGate)
        {
            RefreshOutcome outcome;
            try
            {
                // One connection for the check and, when something changed, the loading.
                using var store = OpenStore();
                var library = new ListLibrary(store);
                var wanted = InForce(library);
                // Stored versions are numbered once per content, so the labels tell whether anything changed.
                if (wanted.Select(w => (w.Id, w.Version.Label)).SequenceEqual(_current.Lists.Select(l => (l.Id, l.Version))))
                {
                    outcome = new RefreshOutcome(_time.GetUtcNow(), false, null);
                }
                else
                {
                    _current = Build(library, wanted);
                    if (_log.IsEnabled(LogLevel.Information))
                    {
                        _log.LogInformation("Lists changed; now screening against {Lists}", string.Join(", ", _current.Lists.Select(l => $"{l.Id} {l.Version}")));
                    }

                    outcome = new RefreshOutcome(_time.GetUtcNow(), true, null);
                }
            }
#pragma warning disable CA1031 // The edge of the refresh loop: a failed refresh keeps the last good lists and is reported on /health.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log.LogError(ex, "List refresh failed; the previous lists stay in use");
                outcome = new RefreshOutcome(_time.GetUtcNow(), false, ex.Message);
            }

            LastRefresh = outcome;
            return outcome;
        }
    }

    private List<(string Id, VersionRef Version)> InForce(ListLibrary library)
    {
        var versions = (_settings.ListsConfigured ? _settings.Lists : library.Sources()).Select(id => (Id: id, Version: library.InForce(id))).ToList();
        foreach (var (id, _) in versions.Where(v => v.Version.Stored is null && !BundledLists.Ids.Contains(v.Id)))
        {
            throw ServerSettings.Invalid("Screening:Lists", id, $"lists with a version in the list store ({StoreLocation}); import {id} first with 'interdict lists import FILE --source {id}'");
        }

        return versions;
    }

    private EngineSnapshot Build(ListLibrary library, List<(string Id, VersionRef Version)> versions)
    {
        var lists = new WatchList[versions.Count];
        for (var i = 0; i < versions.Count; i++)
        {
            lists[i] = versions[i].Version.Stored is null ? BundledLists.Load(versions[i].Id) : library.Load(versions[i].Version);
        }

        var engine = new ScreeningEngine(lists, _settings.Algorithm);
        var loaded = versions.Select((v, i) => new LoadedList(v.Id, v.Version.Label, lists[i].PublicationDate, lists[i].ContentHash, lists[i].Entities.Count)).ToList();
        return new EngineSnapshot(engine, loaded, _time.GetUtcNow());
    }
}

/// <summary>Checks the list store for new versions every <c>Lists:RefreshSeconds</c>.</summary>
internal sealed class ListRefresher(EngineHost host, ServerSettings settings, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.RefreshInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Building an engine is CPU work; keep it off the timer's thread.
            await Task.Run(host.Refresh, stoppingToken);
        }
    }
}

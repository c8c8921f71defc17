using Interdict.Core.Alerts;
using Interdict.Core.Audit;
using Interdict.Core.Store;
using Interdict.Monitoring;
using Interdict.Storage.Postgres;
using Interdict.Storage.Sqlite;

namespace Interdict.Hosting;

/// <summary>
/// The one place that opens Interdict's stores, for the CLI and the server alike: PostgreSQL when
/// <see cref="StorageOptions.Postgres"/> is set, else the SQLite files. Failures are <see cref="Core.InterdictException"/>s
/// naming the file or the database.
/// </summary>
public sealed class StoreFactory(StorageOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The options the stores are opened from.</summary>
    public StorageOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>True when the stores are in PostgreSQL.</summary>
    public bool IsPostgres => Options.Postgres is not null;

    /// <summary>Where the list store is, for messages: the database without credentials, or the SQLite file.</summary>
    public string ListStoreLocation => Options.Postgres is { } pg ? PostgresDatabase.Location(pg) : Options.StorePath;

    /// <summary>Opens (creating when needed) the list store, for commands that write to it.</summary>
    public IListStore OpenListStore() =>
        Options.Postgres is { } pg ? PostgresListStore.Open(pg, _time) : SqliteListStore.Open(Options.StorePath, _time);

    /// <summary>
    /// Opens the list store for reading when it exists; null when a SQLite store was never created (nothing imported:
    /// the bundled lists are used). A PostgreSQL store always exists once reachable.
    /// </summary>
    public IListStore? OpenExistingListStore() =>
        Options.Postgres is null && !File.Exists(Options.StorePath) ? null : OpenListStore();

    /// <summary>Opens the audit trail, hashing with <paramref name="key"/> when given.</summary>
    public IAuditLog OpenAuditLog(byte[]? key = null) =>
        Options.Postgres is { } pg ? PostgresAuditLog.Open(pg, key) : SqliteAuditLog.Open(Options.AuditPath, key);

    /// <summary>Opens (creating when needed) the monitoring registry: in PostgreSQL, shared by every replica, or the SQLite file.</summary>
    public MonitorStore OpenMonitorStore() =>
        Options.Postgres is { } pg ? MonitorStore.OpenPostgres(pg) : MonitorStore.Open(Options.MonitorPath);

    /// <summary>
    /// True when a monitoring registry holds parties: the SQLite file exists, or the PostgreSQL registry has a party.
    /// Until then nothing is monitored.
    /// </summary>
    public bool HasMonitorRegistry()
    {
        if (Options.Postgres is null)
        {
            return File.Exists(Options.MonitorPath);
        }

        using var store = OpenMonitorStore();
        return store.PartySeq > 0;
    }

    /// <summary>Opens the alert queue.</summary>
    public IAlertStore OpenAlertStore() =>
        Options.Postgres is { } pg ? PostgresAlertStore.Open(pg) : SqliteAlertStore.Open(Options.AlertsPath);
}

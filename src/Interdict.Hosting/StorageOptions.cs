using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Interdict.Hosting;

/// <summary>
/// Where the stores live, from configuration: <c>Storage:Postgres</c> (a connection string: every store in that
/// database, shared by every replica), else the SQLite files <c>Store:Path</c>, <c>Alerts:Path</c> and <c>Audit:Path</c>
/// (defaults in <see cref="InterdictFolders.Data"/>). Decided once; <see cref="StoreFactory"/> opens what it names.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The PostgreSQL connection string, or null for SQLite.</summary>
    public string? Postgres { get; set; }

    /// <summary>The list store's SQLite file.</summary>
    public string StorePath { get; set; } = Path.Combine(InterdictFolders.Data, "lists.db");

    /// <summary>The alert queue's SQLite file.</summary>
    public string AlertsPath { get; set; } = Path.Combine(InterdictFolders.Data, "alerts.db");

    /// <summary>The audit trail's SQLite file.</summary>
    public string AuditPath { get; set; } = Path.Combine(InterdictFolders.Data, "audit.db");

    /// <summary>The monitoring registry's SQLite file (<c>Monitor:Path</c>; with <see cref="Postgres"/> set, the registry is in PostgreSQL instead).</summary>
    public string MonitorPath { get; set; } = Path.Combine(InterdictFolders.Data, "monitor.db");

    /// <summary>Reads the settings' keys into <paramref name="options"/> (what is not set keeps its default).</summary>
    public static void Read(StorageOptions options, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        if (config["Storage:Postgres"] is { Length: > 0 } pg)
        {
            options.Postgres = pg;
        }

        if (config["Store:Path"] is { Length: > 0 } store)
        {
            options.StorePath = store;
        }

        if (config["Alerts:Path"] is { Length: > 0 } alerts)
        {
            options.AlertsPath = alerts;
        }

        if (config["Audit:Path"] is { Length: > 0 } audit)
        {
            options.AuditPath = audit;
        }

        if (config["Monitor:Path"] is { Length: > 0 } monitor)
        {
            options.MonitorPath = monitor;
        }
    }

    /// <summary>The options read from <paramref name="config"/>, validated: a bad value throws, naming the key.</summary>
    public static StorageOptions From(IConfiguration config)
    {
        var options = new StorageOptions();
        Read(options, config);
        if (new Validator().Validate(null, options) is { Failed: true } failed)
        {
            throw new OptionsValidationException(nameof(StorageOptions), typeof(StorageOptions), failed.Failures);
        }

        return options;
    }

    /// <summary>Checks the options (run at start-up with <c>ValidateOnStart</c>): each failure names its setting.</summary>
    public sealed class Validator : IValidateOptions<StorageOptions>
    {
        /// <inheritdoc/>
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var failures = new List<string>();
            if (options.Postgres is { } pg)
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(pg);
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"setting Storage:Postgres (or INTERDICT__Storage__Postgres) is not a PostgreSQL connection string ({ex.Message}); expected e.g. Host=db;Database=interdict;Username=interdict;Password=…");
                }
            }

            foreach (var (key, path) in new[] { ("Store:Path", options.StorePath), ("Alerts:Path", options.AlertsPath), ("Audit:Path", options.AuditPath), ("Monitor:Path", options.MonitorPath) })
            {
                if (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Directory.Exists(path))
                {
                    failures.Add($"setting {key} (or INTERDICT__{key.Replace(":", "__", StringComparison.Ordinal)}) is '{path}'; expected the path of a SQLite file{(Directory.Exists(path) ? " (it names a folder)" : "")}");
                }
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

using System.Collections.Concurrent;
using Interdict.Core;
using Npgsql;

namespace Interdict.Storage.Postgres;

/// <summary>Opening a PostgreSQL database for one of the stores: the connection string checked, the schema created once.</summary>
public static class PostgresDatabase
{
    // (connection string, store) pairs whose schema this process has already created or checked.
    private static readonly ConcurrentDictionary<(string, long), bool> Migrated = new();

    // One data source (one connection pool) per connection string for the whole process, as Npgsql recommends: the
    // server opens a list store for every /health and list request, which must not build a new pool each time.
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new(StringComparer.Ordinal);

    /// <summary>The database's address without credentials (<c>postgresql://host:port/database</c>), for logs and messages.</summary>
    public static string Location(string connectionString) => Location(Parse(connectionString));

    /// <summary>
    /// Connects with <paramref name="connectionString"/> (through the process's one data source for it, which lives as
    /// long as the process: stores do not dispose it) and, the first time in this process, runs <paramref name="schema"/>
    /// (idempotent DDL) in one transaction under the advisory lock <paramref name="migrationLock"/>, so several processes
    /// starting at once create the tables once. Failures become an <see cref="InterdictException"/> naming the database
    /// and <paramref name="what"/>.
    /// </summary>
    internal static (NpgsqlDataSource DataSource, string Location) Open(string connectionString, string what, long migrationLock, string schema)
    {
        var builder = Parse(connectionString);
        var location = Location(builder);
        var dataSource = DataSources.GetOrAdd(connectionString, _ => NpgsqlDataSource.Create(builder));
        if (Migrated.ContainsKey((connectionString, migrationLock)))
        {
            return (dataSource, location);
        }

        try
        {
            using var connection = dataSource.OpenConnection();
            using var tx = connection.BeginTransaction();
            using var cmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({migrationLock});\n{schema}", connection, tx);
            cmd.ExecuteNonQuery();
            tx.Commit();
            Migrated[(connectionString, migrationLock)] = true;
            return (dataSource, location);
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException or InvalidOperationException)
        {
            throw new InterdictException($"{location}: {what} cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// An open connection for a store that keeps one for its lifetime (the monitoring registry), its tables in their own
    /// schema <paramref name="schemaName"/> (created with them), as <see cref="Open(string, string, long, string)"/> does:
    /// the DDL run once per process under <paramref name="migrationLock"/>; failures name the database.
    /// </summary>
    public static (System.Data.Common.DbConnection Connection, string Location) Connect(string connectionString, string what, long migrationLock, string schemaName, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        var builder = Parse(connectionString);
        builder.SearchPath = schemaName;
        var (dataSource, location) = Open(builder.ConnectionString, what, migrationLock, $"CREATE SCHEMA IF NOT EXISTS {schemaName};\n{schema}");
        try
        {
            return (dataSource.OpenConnection(), location);
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException or InvalidOperationException)
        {
            throw new InterdictException($"{location}: {what} cannot be opened: {ex.Message}", ex);
        }
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InterdictException($"the PostgreSQL connection string is invalid: {ex.Message}", ex);
        }
    }

    private static string Location(NpgsqlConnectionStringBuilder builder) => $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";

    /// <summary>A parameter that may be null (sent as SQL NULL of the given type).</summary>
    internal static NpgsqlParameter Nullable(object? value, NpgsqlTypes.NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}

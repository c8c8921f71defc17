using Interdict.Core.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Interdict.Storage.Postgres;

/// <summary>
/// The alert queue in PostgreSQL, shared by every server replica: an alert raised by one is listed and decided through
/// any other. A decision is one conditional UPDATE, so two analysts deciding the same alert at once cannot both win.
/// </summary>
public sealed class PostgresAlertStore : IAlertStore
{
    private const long MigrationLockKey = 0x1A7D1C7_0003;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alerts(
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            batch_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            entity_name TEXT NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            entity_hash TEXT NOT NULL,
            status TEXT NOT NULL,
            changed BOOLEAN NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            decided_by TEXT,
            decided_at TIMESTAMPTZ,
            reason TEXT);
        CREATE INDEX IF NOT EXISTS alerts_status ON alerts(status);
        CREATE INDEX IF NOT EXISTS alerts_pair ON alerts(customer_id, entity_id);
        """;

    private const string Columns = "id, batch_id, customer_id, customer_name, entity_id, entity_name, score, entity_hash, status, changed, created_at, decided_by, decided_at, reason";

    private readonly NpgsqlDataSource _dataSource;

    private PostgresAlertStore(NpgsqlDataSource dataSource, string location)
    {
        _dataSource = dataSource;
        Location = location;
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>Connects with <paramref name="connectionString"/> and creates the table when absent.</summary>
    public static PostgresAlertStore Open(string connectionString)
    {
        var (dataSource, location) = PostgresDatabase.Open(connectionString, "the alert store", MigrationLockKey, Schema);
        return new PostgresAlertStore(dataSource, location);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Alert> Raise(string batchId, IReadOnlyList<NewAlert> hits, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(hits);
        using var connection = _dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        var raised = new List<Alert>(hits.Count);
        foreach (var h in hits)
        {
            // The latest decided false positive for this pair decides: same record = suppressed; changed record = back, flagged.
            // Only for the same customer under the same name: a decision about one person never hides another's match.
            using var cmd = new NpgsqlCommand("""
                WITH decided AS (
                    SELECT entity_hash FROM alerts WHERE customer_id = $2 AND customer_name = $3 AND entity_id = $4 AND status = 'false_positive'
                    ORDER BY decided_at DESC, id DESC LIMIT 1)
                INSERT INTO alerts(batch_id, customer_id, customer_name, entity_id, entity_name, score, entity_hash, status, changed, created_at)
                SELECT $1, $2, $3, $4, $5, $6, $7,
                       CASE WHEN (SELECT entity_hash FROM decided) = $7 THEN 'suppressed' ELSE 'open' END,
                       COALESCE((SELECT entity_hash FROM decided) <> $7, FALSE),
                       $8
                RETURNING id, status, changed
                """, connection, tx);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = batchId });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = h.CustomerId });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = h.CustomerName });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = h.EntityId });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = h.EntityName });
            cmd.Parameters.Add(new NpgsqlParameter<double> { TypedValue = h.Score });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = h.EntityHash });
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
            using var r = cmd.ExecuteReader();
            r.Read();
            raised.Add(new Alert(r.GetInt64(0), batchId, h.CustomerId, h.CustomerName, h.EntityId, h.EntityName, h.Score, h.EntityHash, r.GetString(1), r.GetBoolean(2), at, null, null, null));
        }

        tx.Commit();
        return raised;
    }

    /// <inheritdoc/>
    public IReadOnlyList<Alert> List(string status = "open", string? batchId = null, int limit = 1000)
    {
        using var connection = _dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM alerts WHERE ($1 = 'all' OR status = $1) AND ($2::text IS NULL OR batch_id = $2) ORDER BY id DESC LIMIT $3", connection);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        cmd.Parameters.Add(PostgresDatabase.Nullable(batchId, NpgsqlDbType.Text));
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return Read(cmd);
    }

    /// <inheritdoc/>
    public Alert? Find(long id)
    {
        using var connection = _dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM alerts WHERE id = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return Read(cmd).SingleOrDefault();
    }

    /// <inheritdoc/>
    public Alert Decide(long id, string decision, string reason, string by, DateTimeOffset at)
    {
        var status = AlertDecisions.StatusAfter(decision);
        using (var connection = _dataSource.OpenConnection())
        using (var cmd = new NpgsqlCommand("UPDATE alerts SET status = $1, decided_by = $2, decided_at = $3, reason = $4 WHERE id = $5 AND status IN ('open', 'escalated')", connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = by });
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            if (cmd.ExecuteNonQuery() == 0)
            {
                throw new InvalidOperationException(Find(id) is { } a ? $"alert {id} is already decided ({a.Status})" : $"no alert {id}");
            }
        }

        return Find(id)!;
    }

    /// <summary>Nothing to release: the connection pool is the process's, shared by every store on the same database.</summary>
    public void Dispose()
    {
    }

    private static List<Alert> Read(NpgsqlCommand cmd)
    {
        var list = new List<Alert>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Alert(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetDouble(6), r.GetString(7),
                r.GetString(8), r.GetBoolean(9), r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetString(13)));
        }

        return list;
    }
}

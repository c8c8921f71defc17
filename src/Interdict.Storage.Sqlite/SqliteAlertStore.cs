using System.Globalization;
using Interdict.Core;
using Interdict.Core.Alerts;
using Microsoft.Data.Sqlite;

namespace Interdict.Storage.Sqlite;

/// <summary>The alert queue in one SQLite file (WAL journal, full sync): the default, for one server process.</summary>
public sealed class SqliteAlertStore : IAlertStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private SqliteAlertStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating when absent) the alert store at <paramref name="path"/>.</summary>
    public static SqliteAlertStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        PrivateFile.CreateIfMissing(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;
                CREATE TABLE IF NOT EXISTS alerts(
                    id INTEGER PRIMARY KEY AUTOINCREMENT, batch_id TEXT NOT NULL, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL,
                    entity_id TEXT NOT NULL, entity_name TEXT NOT NULL, score REAL NOT NULL, entity_hash TEXT NOT NULL,
                    status TEXT NOT NULL, changed INTEGER NOT NULL, created_at TEXT NOT NULL,
                    decided_by TEXT, decided_at TEXT, reason TEXT);
                CREATE INDEX IF NOT EXISTS alerts_status ON alerts(status);
                CREATE INDEX IF NOT EXISTS alerts_pair ON alerts(customer_id, entity_id);
                """;
            cmd.ExecuteNonQuery();
            return new SqliteAlertStore(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InterdictException($"{path}: the alert store cannot be opened: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public string Location => _connection.DataSource;

    /// <inheritdoc/>
    public IReadOnlyList<Alert> Raise(string batchId, IReadOnlyList<NewAlert> hits, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(hits);
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            var raised = new List<Alert>(hits.Count);
            foreach (var h in hits)
            {
                // The latest decided false positive for this pair decides: same record = suppressed; changed record = back, flagged.
                // Only for the same customer under the same name: a decision about one person never hides another's match.
                using var find = _connection.CreateCommand();
                find.Transaction = tx;
                find.CommandText = "SELECT entity_hash FROM alerts WHERE customer_id = $c AND customer_name = $n AND entity_id = $e AND status = 'false_positive' ORDER BY decided_at DESC, id DESC LIMIT 1";
                find.Parameters.AddWithValue("$c", h.CustomerId);
                find.Parameters.AddWithValue("$n", h.CustomerName);
                find.Parameters.AddWithValue("$e", h.EntityId);
                var decidedHash = find.ExecuteScalar() as string;
                var status = decidedHash is not null && decidedHash == h.EntityHash ? "suppressed" : "open";
                var changed = decidedHash is not null && decidedHash != h.EntityHash;

                using var insert = _connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT INTO alerts(batch_id, customer_id, customer_name, entity_id, entity_name, score, entity_hash, status, changed, created_at)
                    VALUES ($b, $c, $n, $e, $en, $s, $h, $st, $ch, $at) RETURNING id
                    """;
                insert.Parameters.AddWithValue("$b", batchId);
                insert.Parameters.AddWithValue("$c", h.CustomerId);
                insert.Parameters.AddWithValue("$n", h.CustomerName);
                insert.Parameters.AddWithValue("$e", h.EntityId);
                insert.Parameters.AddWithValue("$en", h.EntityName);
                insert.Parameters.AddWithValue("$s", h.Score);
                insert.Parameters.AddWithValue("$h", h.EntityHash);
                insert.Parameters.AddWithValue("$st", status);
                insert.Parameters.AddWithValue("$ch", changed ? 1 : 0);
                insert.Parameters.AddWithValue("$at", Time(at));
                var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
                raised.Add(new Alert(id, batchId, h.CustomerId, h.CustomerName, h.EntityId, h.EntityName, h.Score, h.EntityHash, status, changed, at, null, null, null));
            }

            tx.Commit();
            return raised;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<Alert> List(string status = "open", string? batchId = null, int limit = 1000)
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"SELECT {Columns} FROM alerts WHERE ($st = 'all' OR status = $st) AND ($b IS NULL OR batch_id = $b) ORDER BY id DESC LIMIT $limit";
            cmd.Parameters.AddWithValue("$st", status);
            cmd.Parameters.AddWithValue("$b", (object?)batchId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$limit", limit);
            return Read(cmd);
        }
    }

    /// <inheritdoc/>
    public Alert? Find(long id)
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"SELECT {Columns} FROM alerts WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            return Read(cmd).SingleOrDefault();
        }
    }

    /// <inheritdoc/>
    public Alert Decide(long id, string decision, string reason, string by, DateTimeOffset at)
    {
        var status = AlertDecisions.StatusAfter(decision);
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "UPDATE alerts SET status = $st, decided_by = $by, decided_at = $at, reason = $r WHERE id = $id AND status IN ('open', 'escalated')";
            cmd.Parameters.AddWithValue("$st", status);
            cmd.Parameters.AddWithValue("$by", by);
            cmd.Parameters.AddWithValue("$at", Time(at));
            cmd.Parameters.AddWithValue("$r", reason);
            cmd.Parameters.AddWithValue("$id", id);
            if (cmd.ExecuteNonQuery() == 0)
            {
                throw new InvalidOperationException(Find(id) is { } a ? $"alert {id} is already decided ({a.Status})" : $"no alert {id}");
            }
        }

        return Find(id)!;
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private const string Columns = "id, batch_id, customer_id, customer_name, entity_id, entity_name, score, entity_hash, status, changed, created_at, decided_by, decided_at, reason";

    private static List<Alert> Read(SqliteCommand cmd)
    {
        var list = new List<Alert>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Alert(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetDouble(6), r.GetString(7),
                r.GetString(8), r.GetInt64(9) != 0, Parse(r.GetString(10)), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : Parse(r.GetString(12)),
                r.IsDBNull(13) ? null : r.GetString(13)));
        }

        return list;
    }

    private static string Time(DateTimeOffset t) => Core.Audit.AuditEntry.FormatTime(t);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

using System.Globalization;
using Interdict.Core;
using Interdict.Core.Audit;
using Npgsql;

namespace Interdict.Storage.Postgres;

/// <summary>
/// The audit trail in PostgreSQL, for several server processes sharing one database. Each batch is one transaction that
/// locks the chain head row (<c>SELECT … FOR UPDATE</c>), so concurrent writers from any number of processes are
/// serialised into one gap-free chain. Triggers refuse UPDATE and DELETE of records.
/// </summary>
public sealed class PostgresAuditLog : IAuditLog
{
    // Serialises schema creation when several processes start at once.
    private const long MigrationLockKey = 0x1A7D1C7_0001;

    // Timestamps are ISO 8601 text (as hashed), so the trail reads back byte for byte what was chained.
    private static readonly string Schema = $"""
            CREATE TABLE IF NOT EXISTS audit_records(
                seq BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                principal TEXT NOT NULL,
                action TEXT NOT NULL,
                client TEXT,
                request TEXT NOT NULL,
                lists TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                result TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_records_at ON audit_records(at);
            CREATE TABLE IF NOT EXISTS audit_head(id INT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL);
            INSERT INTO audit_head(id, seq, hash) VALUES (1, 0, '{AuditChain.Genesis}') ON CONFLICT (id) DO NOTHING;
            CREATE OR REPLACE FUNCTION interdict_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
            CREATE OR REPLACE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_records
                FOR EACH STATEMENT EXECUTE FUNCTION interdict_audit_append_only();
            """;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresAuditLog(NpgsqlDataSource dataSource, string location)
    {
        _dataSource = dataSource;
        Location = location;
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>Connects with <paramref name="connectionString"/> and creates the tables when absent.</summary>
    public static PostgresAuditLog Open(string connectionString, byte[]? key = null)
    {
        var (dataSource, location) = PostgresDatabase.Open(connectionString, "the audit trail", MigrationLockKey, Schema);
        return new PostgresAuditLog(dataSource, location) { Key = key };
    }

    // With a key, records are appended with keyed hashes (see AuditChain).
    private byte[]? Key { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<AuditRecord> Append(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        using var connection = _dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        AuditHead head;
        using (var lockHead = new NpgsqlCommand("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", connection, tx))
        using (var reader = lockHead.ExecuteReader())
        {
            reader.Read();
            head = new AuditHead(reader.GetInt64(0), reader.GetString(1));
        }

        var records = AuditChain.Link(head, entries, Key);
        using (var batch = new NpgsqlBatch(connection, tx))
        {
            foreach (var r in records)
            {
                var e = r.Entry;
                var cmd = new NpgsqlBatchCommand("""
                    INSERT INTO audit_records(seq, at, principal, action, client, request, lists, algorithm, result, prev_hash, hash)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """);
                cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.Seq });
                foreach (var text in new[] { e.AtText, e.Principal, e.Action })
                {
                    cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
                }

                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Client ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                foreach (var text in new[] { e.Request, e.Lists, e.Algorithm, e.Result, r.PreviousHash, r.Hash })
                {
                    cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
                }

                batch.BatchCommands.Add(cmd);
            }

            var updateHead = new NpgsqlBatchCommand("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1");
            updateHead.Parameters.Add(new NpgsqlParameter<long> { TypedValue = records[^1].Seq });
            updateHead.Parameters.Add(new NpgsqlParameter<string> { TypedValue = records[^1].Hash });
            batch.BatchCommands.Add(updateHead);
            batch.ExecuteNonQuery();
        }

        tx.Commit();
        return records;
    }

    /// <inheritdoc/>
    public IEnumerable<AuditRecord> Read(DateTimeOffset? since = null, DateTimeOffset? until = null) =>
        AuditColumns.Paged((after, size) =>
        {
            var page = new List<AuditRecord>(size);
            using var connection = _dataSource.OpenConnection();
            using var cmd = new NpgsqlCommand($"""
                SELECT {AuditColumns.List} FROM audit_records
                WHERE seq > @after{(since is null ? "" : " AND at >= @from")}{(until is null ? "" : " AND at < @to")}
                ORDER BY seq LIMIT {size}
                """, connection);
            cmd.Parameters.AddWithValue("after", after);
            if (since is { } f)
            {
                cmd.Parameters.AddWithValue("from", AuditEntry.FormatTime(f));
            }

            if (until is { } t)
            {
                cmd.Parameters.AddWithValue("to", AuditEntry.FormatTime(t));
            }

            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                page.Add(AuditColumns.Read(reader));
            }

            return page;
        });

    /// <inheritdoc/>
    public AuditHead Head()
    {
        using var connection = _dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT seq, hash FROM audit_head WHERE id = 1", connection);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : new AuditHead(0, AuditChain.Genesis);
    }

    /// <summary>Nothing to release: the connection pool is the process's, shared by every store on the same database.</summary>
    public void Dispose()
    {
    }
}

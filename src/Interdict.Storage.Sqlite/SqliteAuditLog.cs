using System.Globalization;
using Interdict.Core;
using Interdict.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Interdict.Storage.Sqlite;

/// <summary>
/// The default audit trail: one SQLite file (WAL journal, full sync, so a committed batch survives a power cut). Triggers
/// refuse UPDATE and DELETE of records; each batch is written under SQLite's write lock (<c>BEGIN IMMEDIATE</c>), so
/// several processes sharing the file still build one chain.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private const int SchemaVersion = 1;

    private static readonly string[] Columns = ["$seq", "$at", "$principal", "$action", "$client", "$request", "$lists", "$algorithm", "$result", "$prev", "$hash"];

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private readonly byte[]? _key;

    private SqliteAuditLog(SqliteConnection connection, byte[]? key)
    {
        _connection = connection;
        _key = key;
    }

    /// <inheritdoc/>
    public string Location => _connection.DataSource;

    /// <summary>
    /// Opens (creating when absent) the audit trail at <paramref name="path"/>; its folder is created too. With
    /// <paramref name="key"/>, records are appended with keyed hashes (see <see cref="AuditChain"/>). A new file is
    /// readable and writable by its owner only.
    /// </summary>
    public static SqliteAuditLog Open(string path, byte[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        PrivateFile.CreateIfMissing(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            var log = new SqliteAuditLog(connection, key);
            log.Migrate();
            return log;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InterdictException($"{path}: the audit trail cannot be opened: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<AuditRecord> Append(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        lock (_gate)
        {
            // BEGIN IMMEDIATE: the head is read and advanced under the database's write lock, across processes.
            using var tx = _connection.BeginTransaction(deferred: false);
            var records = AuditChain.Link(ReadHead(tx), entries, _key);
            using var insert = _connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO audit_records(seq, at, principal, action, client, request, lists, algorithm, result, prev_hash, hash)
                VALUES ($seq, $at, $principal, $action, $client, $request, $lists, $algorithm, $result, $prev, $hash)
                """;
            var p = Columns.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            p[0].SqliteType = SqliteType.Integer;
            foreach (var r in records)
            {
                var e = r.Entry;
                p[0].Value = r.Seq;
                p[1].Value = e.AtText;
                p[2].Value = e.Principal;
                p[3].Value = e.Action;
                p[4].Value = (object?)e.Client ?? DBNull.Value;
                p[5].Value = e.Request;
                p[6].Value = e.Lists;
                p[7].Value = e.Algorithm;
                p[8].Value = e.Result;
                p[9].Value = r.PreviousHash;
                p[10].Value = r.Hash;
                insert.ExecuteNonQuery();
            }

            using var head = _connection.CreateCommand();
            head.Transaction = tx;
            head.CommandText = "UPDATE audit_head SET seq = $seq, hash = $hash WHERE id = 1";
            head.Parameters.AddWithValue("$seq", records[^1].Seq);
            head.Parameters.AddWithValue("$hash", records[^1].Hash);
            head.ExecuteNonQuery();
            tx.Commit();
            return records;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<AuditRecord> Read(DateTimeOffset? since = null, DateTimeOffset? until = null) =>
        AuditColumns.Paged((after, size) =>
        {
            lock (_gate)
            {
                using var cmd = _connection.CreateCommand();
                cmd.CommandText = $"""
                    SELECT {AuditColumns.List} FROM audit_records
                    WHERE seq > $after{(since is null ? "" : " AND at >= $from")}{(until is null ? "" : " AND at < $to")}
                    ORDER BY seq LIMIT {size}
                    """;
                cmd.Parameters.AddWithValue("$after", after);
                if (since is { } f)
                {
                    cmd.Parameters.AddWithValue("$from", AuditEntry.FormatTime(f));
                }

                if (until is { } t)
                {
                    cmd.Parameters.AddWithValue("$to", AuditEntry.FormatTime(t));
                }

                var page = new List<AuditRecord>(size);
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    page.Add(AuditColumns.Read(reader));
                }

                return page;
            }
        });

    /// <inheritdoc/>
    public AuditHead Head()
    {
        lock (_gate)
        {
            return ReadHead(null);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private AuditHead ReadHead(SqliteTransaction? tx)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? new AuditHead(reader.GetInt64(0), reader.GetString(1)) : new AuditHead(0, AuditChain.Genesis);
    }

    private void Migrate()
    {
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            pragma.ExecuteNonQuery();
        }

        using var tx = _connection.BeginTransaction(deferred: false);
        using var version = _connection.CreateCommand();
        version.Transaction = tx;
        version.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InterdictException($"{Location}: the audit trail has schema version {current}, newer than this Interdict understands ({SchemaVersion}); upgrade Interdict");
        }

        if (current == SchemaVersion)
        {
            return;
        }

        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            CREATE TABLE audit_records(
                seq INTEGER PRIMARY KEY,
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
            CREATE INDEX audit_records_at ON audit_records(at);
            CREATE TABLE audit_head(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
            INSERT INTO audit_head(id, seq, hash) VALUES (1, 0, '{AuditChain.Genesis}');
            CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
            CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
            CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;
            PRAGMA user_version = {SchemaVersion};
            """;
        cmd.ExecuteNonQuery();
        tx.Commit();
    }
}

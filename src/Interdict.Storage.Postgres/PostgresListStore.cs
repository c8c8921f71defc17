using System.Text.Json;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Npgsql;
using NpgsqlTypes;

namespace Interdict.Storage.Postgres;

/// <summary>
/// The list store in PostgreSQL, shared by every server replica and the CLI: the same contract as the SQLite store.
/// Versions, their files (gzip-compressed) and their entity facts are append-only (triggers refuse UPDATE, DELETE and
/// TRUNCATE); adding a version and switching to it is one transaction, serialised per source with an advisory lock so two
/// processes importing the same publication store it once.
/// </summary>
public sealed class PostgresListStore : IListStore
{
    private const long MigrationLockKey = 0x1A7D1C7_0002;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS list_versions(
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source TEXT NOT NULL,
            publication_date DATE,
            imported_at TIMESTAMPTZ NOT NULL,
            content_hash TEXT NOT NULL,
            entity_count INT NOT NULL,
            origin TEXT NOT NULL,
            files_json TEXT NOT NULL,
            UNIQUE(source, content_hash));
        CREATE TABLE IF NOT EXISTS list_files(
            version_id BIGINT NOT NULL REFERENCES list_versions(id),
            position INT NOT NULL,
            name TEXT NOT NULL,
            publication_date DATE,
            content BYTEA NOT NULL,
            PRIMARY KEY(version_id, name));
        CREATE TABLE IF NOT EXISTS list_entities(
            version_id BIGINT NOT NULL REFERENCES list_versions(id),
            entity_id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            programs TEXT[] NOT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY(version_id, entity_id));
        CREATE TABLE IF NOT EXISTS list_current(
            source TEXT PRIMARY KEY,
            version_id BIGINT NOT NULL REFERENCES list_versions(id),
            switched_at TIMESTAMPTZ NOT NULL);
        CREATE OR REPLACE FUNCTION interdict_list_immutable() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'stored list versions are immutable (%)', TG_TABLE_NAME; END $$;
        CREATE OR REPLACE TRIGGER list_versions_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON list_versions
            FOR EACH STATEMENT EXECUTE FUNCTION interdict_list_immutable();
        CREATE OR REPLACE TRIGGER list_files_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON list_files
            FOR EACH STATEMENT EXECUTE FUNCTION interdict_list_immutable();
        CREATE OR REPLACE TRIGGER list_entities_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON list_entities
            FOR EACH STATEMENT EXECUTE FUNCTION interdict_list_immutable();
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    private PostgresListStore(NpgsqlDataSource dataSource, string location, TimeProvider time)
    {
        _dataSource = dataSource;
        Location = location;
        _time = time;
    }

    /// <summary>The database's address (no credentials).</summary>
    public string Location { get; }

    /// <summary>Connects with <paramref name="connectionString"/> and creates the tables when absent.</summary>
    public static PostgresListStore Open(string connectionString, TimeProvider? time = null)
    {
        var (dataSource, location) = PostgresDatabase.Open(connectionString, "the list store", MigrationLockKey, Schema);
        return new PostgresListStore(dataSource, location, time ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    public AddResult Add(WatchList list, IReadOnlyList<ListFileContent> files, string origin, bool makeCurrent, bool evenIfOlder = false)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(files);
        long id;
        bool created;
        using (var connection = _dataSource.OpenConnection())
        using (var tx = connection.BeginTransaction())
        {
            // One import per source at a time, across processes: the second of two identical imports finds the first.
            using (var lockSource = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('interdict-list:' || $1))", connection, tx))
            {
                lockSource.Parameters.Add(new NpgsqlParameter<string> { TypedValue = list.Id });
                lockSource.ExecuteNonQuery();
            }

            using (var find = new NpgsqlCommand("SELECT id FROM list_versions WHERE source = $1 AND content_hash = $2", connection, tx))
            {
                find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = list.Id });
                find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = list.ContentHash });
                var existing = find.ExecuteScalar();
                created = existing is null;
                id = existing is long found ? found : Insert(connection, tx, list, files, origin);
            }

            if (makeCurrent && MaySwitch(connection, tx, list, evenIfOlder))
            {
                SetCurrent(connection, tx, list.Id, id);
            }

            tx.Commit();
        }

        return new AddResult(Versions(list.Id).Single(v => v.Id == id), created);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredVersion> Versions(string? source = null)
    {
        using var connection = _dataSource.OpenConnection();
        // Sources in byte order and undated versions first, as the SQLite store orders them.
        using var cmd = new NpgsqlCommand("""
            SELECT v.id, v.source, v.publication_date, v.imported_at, v.content_hash, v.entity_count, v.origin, v.files_json,
                   c.version_id IS NOT NULL
            FROM list_versions v LEFT JOIN list_current c ON c.version_id = v.id
            WHERE $1::text IS NULL OR v.source = $1
            ORDER BY v.source COLLATE "C", v.publication_date NULLS FIRST, v.id
            """, connection);
        cmd.Parameters.Add(PostgresDatabase.Nullable(source, NpgsqlDbType.Text));
        using var r = cmd.ExecuteReader();
        var versions = new List<StoredVersion>();
        while (r.Read())
        {
            versions.Add(new StoredVersion(
                r.GetInt64(0),
                r.GetString(1),
                r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
                r.GetFieldValue<DateTimeOffset>(3),
                r.GetString(4),
                r.GetInt32(5),
                r.GetString(6),
                JsonSerializer.Deserialize<List<ListFile>>(r.GetString(7)) ?? [],
                r.GetBoolean(8)));
        }

        return versions;
    }

    /// <inheritdoc/>
    public StoredVersion? Current(string source) => Versions(source).FirstOrDefault(v => v.Current);

    /// <inheritdoc/>
    public void SetCurrent(long versionId)
    {
        var version = Versions().FirstOrDefault(v => v.Id == versionId) ?? throw new ArgumentException($"no stored version {versionId}", nameof(versionId));
        using var connection = _dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        SetCurrent(connection, tx, version.Source, versionId);
        tx.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<ListFileContent> Files(long versionId)
    {
        using var connection = _dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT name, publication_date, content FROM list_files WHERE version_id = $1 ORDER BY position", connection);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = versionId });
        using var r = cmd.ExecuteReader();
        var files = new List<ListFileContent>();
        while (r.Read())
        {
            files.Add(new ListFileContent(r.GetString(0), StoredFileCompression.Decompress(r.GetFieldValue<byte[]>(2)), r.IsDBNull(1) ? null : r.GetFieldValue<DateOnly>(1)));
        }

        return files;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredEntity> Entities(long versionId)
    {
        using var connection = _dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT entity_id, name, kind, programs, content_hash FROM list_entities WHERE version_id = $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = versionId });
        using var r = cmd.ExecuteReader();
        var entities = new List<StoredEntity>();
        while (r.Read())
        {
            var kind = EntityKinds.TryParse(r.GetString(2), out var k) ? k : EntityKind.Unknown;
            entities.Add(new StoredEntity(r.GetString(0), r.GetString(1), kind, r.GetFieldValue<string[]>(3), r.GetString(4)));
        }

        return entities;
    }

    /// <summary>Nothing to release: the connection pool is the process's, shared by every store on the same database.</summary>
    public void Dispose()
    {
    }

    private long Insert(NpgsqlConnection connection, NpgsqlTransaction tx, WatchList list, IReadOnlyList<ListFileContent> files, string origin)
    {
        long id;
        using (var cmd = new NpgsqlCommand("""
            INSERT INTO list_versions(source, publication_date, imported_at, content_hash, entity_count, origin, files_json)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = list.Id });
            cmd.Parameters.Add(PostgresDatabase.Nullable(list.PublicationDate, NpgsqlDbType.Date));
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _time.GetUtcNow() });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = list.ContentHash });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = list.Entities.Count });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = origin });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(list.Files) });
            id = (long)cmd.ExecuteScalar()!;
        }

        for (var i = 0; i < files.Count; i++)
        {
            using var cmd = new NpgsqlCommand("INSERT INTO list_files(version_id, position, name, publication_date, content) VALUES ($1, $2, $3, $4, $5)", connection, tx);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = i });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = files[i].Name });
            cmd.Parameters.Add(PostgresDatabase.Nullable(files[i].PublicationDate, NpgsqlDbType.Date));
            cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredFileCompression.Compress(files[i].Bytes) });
            cmd.ExecuteNonQuery();
        }

        // Entity facts by binary COPY: tens of thousands of rows in one round trip.
        using (var copy = connection.BeginBinaryImport("COPY list_entities(version_id, entity_id, name, kind, programs, content_hash) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in list.Entities)
            {
                copy.StartRow();
                copy.Write(id, NpgsqlDbType.Bigint);
                copy.Write(e.Id, NpgsqlDbType.Text);
                copy.Write(e.Name, NpgsqlDbType.Text);
                copy.Write(e.Kind.ToWireName(), NpgsqlDbType.Text);
                copy.Write(e.Programs.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                copy.Write(EntityFingerprint.Hash(e), NpgsqlDbType.Text);
            }

            copy.Complete();
        }

        return id;
    }

    // Whether a new version may be put in force: asked for whatever its date, or published on or after the one in force.
    private static bool MaySwitch(NpgsqlConnection connection, NpgsqlTransaction tx, WatchList list, bool evenIfOlder)
    {
        if (evenIfOlder || list.PublicationDate is not { } published)
        {
            return true;
        }

        using var cmd = new NpgsqlCommand("SELECT v.publication_date FROM list_current c JOIN list_versions v ON v.id = c.version_id WHERE c.source = $1", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = list.Id });
        using var r = cmd.ExecuteReader();
        return !r.Read() || r.IsDBNull(0) || published >= r.GetFieldValue<DateOnly>(0);
    }

    private void SetCurrent(NpgsqlConnection connection, NpgsqlTransaction tx, string source, long versionId)
    {
        using var cmd = new NpgsqlCommand("""
            INSERT INTO list_current(source, version_id, switched_at) VALUES ($1, $2, $3)
            ON CONFLICT(source) DO UPDATE SET version_id = excluded.version_id, switched_at = excluded.switched_at
            WHERE list_current.version_id <> excluded.version_id
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = versionId });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _time.GetUtcNow() });
        cmd.ExecuteNonQuery();
    }
}

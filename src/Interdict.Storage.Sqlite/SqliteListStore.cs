using System.Globalization;
using System.Text.Json;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Microsoft.Data.Sqlite;

namespace Interdict.Storage.Sqlite;

/// <summary>
/// The default list store: one SQLite database file (WAL journal, full sync). Versions, their files (gzip-compressed) and
/// their entity facts are append-only: triggers refuse any UPDATE or DELETE of them. Adding a version and switching to it
/// is one transaction.
/// </summary>
public sealed class SqliteListStore : IListStore
{
    private const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Action<int>? _afterEntityRow;

    private SqliteListStore(SqliteConnection connection, TimeProvider time, Action<int>? afterEntityRow)
    {
        _connection = connection;
        _time = time;
        _afterEntityRow = afterEntityRow;
    }

    /// <summary>The database file.</summary>
    public string Path => _connection.DataSource;

    /// <summary>Opens (creating when absent) the store at <paramref name="path"/>; its folder is created too.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="time">The clock that stamps imports.</param>
    /// <param name="afterEntityRow">
    /// A fault-injection hook for crash-safety tests: called with the count of entity rows an import has written, inside
    /// its transaction (a test host kills its own process there). Null in production.
    /// </param>
    public static SqliteListStore Open(string path, TimeProvider? time = null, Action<int>? afterEntityRow = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        PrivateFile.CreateIfMissing(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var store = new SqliteListStore(connection, time ?? TimeProvider.System, afterEntityRow);
            store.Migrate();
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InterdictException($"{path}: the list store cannot be opened: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public AddResult Add(WatchList list, IReadOnlyList<ListFileContent> files, string origin, bool makeCurrent, bool evenIfOlder = false)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(files);
        // BEGIN IMMEDIATE: the write lock is taken first, so two imports (in two processes) run one after the other, and
        // the second sees the first's version before it looks for its own content.
        using var tx = _connection.BeginTransaction(deferred: false);
        using (var find = Command("SELECT id FROM versions WHERE source = $s AND content_hash = $h", tx))
        {
            find.Parameters.AddWithValue("$s", list.Id);
            find.Parameters.AddWithValue("$h", list.ContentHash);
            if (find.ExecuteScalar() is long existing)
            {
                if (makeCurrent && MaySwitch(list, evenIfOlder, tx))
                {
                    SetCurrent(list.Id, existing, tx);
                }

                tx.Commit();
                return new AddResult(Versions(list.Id).Single(v => v.Id == existing), Created: false);
            }
        }

        var now = _time.GetUtcNow();
        long id;
        using (var cmd = Command("""
            INSERT INTO versions(source, publication_date, imported_at, content_hash, entity_count, origin, files_json)
            VALUES ($source, $published, $imported, $hash, $count, $origin, $files) RETURNING id
            """, tx))
        {
            cmd.Parameters.AddWithValue("$source", list.Id);
            cmd.Parameters.AddWithValue("$published", (object?)list.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$imported", now.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$hash", list.ContentHash);
            cmd.Parameters.AddWithValue("$count", list.Entities.Count);
            cmd.Parameters.AddWithValue("$origin", origin);
            cmd.Parameters.AddWithValue("$files", JsonSerializer.Serialize(list.Files));
            id = (long)cmd.ExecuteScalar()!;
        }

        using (var cmd = Command("INSERT INTO files(version_id, name, publication_date, content) VALUES ($v, $name, $published, $content)", tx))
        {
            foreach (var file in files)
            {
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$v", id);
                cmd.Parameters.AddWithValue("$name", file.Name);
                cmd.Parameters.AddWithValue("$published", (object?)file.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$content", StoredFileCompression.Compress(file.Bytes));
                cmd.ExecuteNonQuery();
            }
        }

        using (var cmd = Command("INSERT INTO entities(version_id, entity_id, name, kind, programs, content_hash) VALUES ($v, $id, $name, $kind, $programs, $hash)", tx))
        {
            var written = 0;
            foreach (var e in list.Entities)
            {
                cmd.Parameters.Clear();
                cmd.Parameters.AddWithValue("$v", id);
                cmd.Parameters.AddWithValue("$id", e.Id);
                cmd.Parameters.AddWithValue("$name", e.Name);
                cmd.Parameters.AddWithValue("$kind", e.Kind.ToWireName());
                cmd.Parameters.AddWithValue("$programs", string.Join('\t', e.Programs));
                cmd.Parameters.AddWithValue("$hash", EntityFingerprint.Hash(e));
                cmd.ExecuteNonQuery();
                _afterEntityRow?.Invoke(++written);
            }
        }

        if (makeCurrent && MaySwitch(list, evenIfOlder, tx))
        {
            SetCurrent(list.Id, id, tx);
        }

        tx.Commit();
        return new AddResult(Versions(list.Id).Single(v => v.Id == id), Created: true);
    }

    // Whether a new version may be put in force: asked for whatever its date, or published on or after the one in force.
    private bool MaySwitch(WatchList list, bool evenIfOlder, SqliteTransaction tx)
    {
        if (evenIfOlder || list.PublicationDate is not { } published)
        {
            return true;
        }

        using var cmd = Command("SELECT v.publication_date FROM current c JOIN versions v ON v.id = c.version_id WHERE c.source = $s", tx);
        cmd.Parameters.AddWithValue("$s", list.Id);
        return cmd.ExecuteScalar() is not string inForce
            || published >= DateOnly.ParseExact(inForce, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredVersion> Versions(string? source = null)
    {
        using var cmd = Command("""
            SELECT v.id, v.source, v.publication_date, v.imported_at, v.content_hash, v.entity_count, v.origin, v.files_json,
                   c.version_id IS NOT NULL
            FROM versions v LEFT JOIN current c ON c.version_id = v.id
            WHERE $source IS NULL OR v.source = $source
            ORDER BY v.source, v.publication_date, v.id
            """);
        cmd.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        var versions = new List<StoredVersion>();
        while (r.Read())
        {
            versions.Add(new StoredVersion(
                r.GetInt64(0),
                r.GetString(1),
                r.IsDBNull(2) ? null : DateOnly.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
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
        using var tx = _connection.BeginTransaction();
        SetCurrent(version.Source, versionId, tx);
        tx.Commit();
    }

    /// <inheritdoc/>
    public IReadOnlyList<ListFileContent> Files(long versionId)
    {
        using var cmd = Command("SELECT name, publication_date, content FROM files WHERE version_id = $v ORDER BY rowid");
        cmd.Parameters.AddWithValue("$v", versionId);
        using var r = cmd.ExecuteReader();
        var files = new List<ListFileContent>();
        while (r.Read())
        {
            files.Add(new ListFileContent(
                r.GetString(0),
                StoredFileCompression.Decompress((byte[])r[2]),
                r.IsDBNull(1) ? null : DateOnly.ParseExact(r.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return files;
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredEntity> Entities(long versionId)
    {
        using var cmd = Command("SELECT entity_id, name, kind, programs, content_hash FROM entities WHERE version_id = $v");
        cmd.Parameters.AddWithValue("$v", versionId);
        using var r = cmd.ExecuteReader();
        var entities = new List<StoredEntity>();
        while (r.Read())
        {
            var kind = EntityKinds.TryParse(r.GetString(2), out var k) ? k : EntityKind.Unknown;
            var programs = r.GetString(3);
            entities.Add(new StoredEntity(r.GetString(0), r.GetString(1), kind, programs.Length == 0 ? [] : programs.Split('\t'), r.GetString(4)));
        }

        return entities;
    }

    /// <summary>Runs SQLite's own consistency check; returns its findings (<c>ok</c> when sound).</summary>
    public string IntegrityCheck()
    {
        using var cmd = Command("PRAGMA integrity_check");
        return string.Join("; ", ReadStrings(cmd));
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private void SetCurrent(string source, long versionId, SqliteTransaction tx)
    {
        using var cmd = Command("""
            INSERT INTO current(source, version_id, switched_at) VALUES ($s, $v, $t)
            ON CONFLICT(source) DO UPDATE SET version_id = excluded.version_id, switched_at = excluded.switched_at
            """, tx);
        cmd.Parameters.AddWithValue("$s", source);
        cmd.Parameters.AddWithValue("$v", versionId);
        cmd.Parameters.AddWithValue("$t", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    private void Migrate()
    {
        using (var pragma = Command("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;"))
        {
            pragma.ExecuteNonQuery();
        }

        using var version = Command("PRAGMA user_version");
        var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InterdictException($"{Path}: the list store has schema version {current}, newer than this Interdict understands ({SchemaVersion}); upgrade Interdict");
        }

        if (current == SchemaVersion)
        {
            return;
        }

        using var tx = _connection.BeginTransaction();
        using (var cmd = Command($"""
            CREATE TABLE versions(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                source TEXT NOT NULL,
                publication_date TEXT,
                imported_at TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                entity_count INTEGER NOT NULL,
                origin TEXT NOT NULL,
                files_json TEXT NOT NULL,
                UNIQUE(source, content_hash));
            CREATE TABLE files(
                version_id INTEGER NOT NULL REFERENCES versions(id),
                name TEXT NOT NULL,
                publication_date TEXT,
                content BLOB NOT NULL,
                PRIMARY KEY(version_id, name));
            CREATE TABLE entities(
                version_id INTEGER NOT NULL REFERENCES versions(id),
                entity_id TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                programs TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                PRIMARY KEY(version_id, entity_id)) WITHOUT ROWID;
            CREATE TABLE current(
                source TEXT PRIMARY KEY,
                version_id INTEGER NOT NULL REFERENCES versions(id),
                switched_at TEXT NOT NULL);
            CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'stored list versions are immutable'); END;
            CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions BEGIN SELECT RAISE(ABORT, 'stored list versions are immutable'); END;
            CREATE TRIGGER files_no_update BEFORE UPDATE ON files BEGIN SELECT RAISE(ABORT, 'stored list files are immutable'); END;
            CREATE TRIGGER files_no_delete BEFORE DELETE ON files BEGIN SELECT RAISE(ABORT, 'stored list files are immutable'); END;
            CREATE TRIGGER entities_no_update BEFORE UPDATE ON entities BEGIN SELECT RAISE(ABORT, 'stored entities are immutable'); END;
            CREATE TRIGGER entities_no_delete BEFORE DELETE ON entities BEGIN SELECT RAISE(ABORT, 'stored entities are immutable'); END;
            PRAGMA user_version = {SchemaVersion};
            """, tx))
        {
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static List<string> ReadStrings(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var values = new List<string>();
        while (r.Read())
        {
            values.Add(r.GetString(0));
        }

        return values;
    }
}

using System.Globalization;
using System.Text.Json;
using Interdict.Core;
using System.Data.Common;
using Interdict.Storage.Postgres;
using Microsoft.Data.Sqlite;

namespace Interdict.Monitoring;

/// <summary>What an import changed.</summary>
public sealed record ImportCounts(int Added, int Changed, int Unchanged, int Links);

/// <summary>A monitoring alert: one customer and one listed party (every list's record of it), or one customer owned by listed parties.</summary>
/// <param name="Id">The alert number.</param>
/// <param name="PartyId">The monitored party.</param>
/// <param name="PartyName">Its name.</param>
/// <param name="Key">The listed party (the first of its records' ids, for a name alert), or <c>ownership</c>.</param>
/// <param name="Kind"><c>name</c> or <c>ownership</c>.</param>
/// <param name="Priority"><c>high</c> (a name match, or 50% or more owned by listed parties) or <c>low</c> (a smaller share above the threshold).</param>
/// <param name="EntityIds">The listed records (every list's record of the party), or the listed owners.</param>
/// <param name="Score">The name score, or the share owned (0–1).</param>
/// <param name="Reason">Why it was raised or reopened: new designation, listed entity changed, customer changed, ownership, initial screening.</param>
/// <param name="Status"><c>open</c> or <c>closed</c>.</param>
/// <param name="CloseReason">Why it was closed (e.g. the listed party was removed from the list).</param>
/// <param name="Details">The hit's explanation or the ownership paths, as JSON.</param>
/// <param name="OpenedRun">The run that raised it.</param>
/// <param name="ClosedRun">The run that closed it.</param>
public sealed record MonitorAlert(long Id, string PartyId, string PartyName, string Key, string Kind, string Priority, IReadOnlyList<string> EntityIds, double Score,
    string Reason, string Status, string? CloseReason, string Details, long OpenedRun, long? ClosedRun);

/// <summary>One step of an alert's history: a decision proposed, approved or rejected.</summary>
public sealed record AlertStep(DateTimeOffset At, string Step, string? Decision, string By, string Reason);

/// <summary>The decisions an analyst may propose on a monitoring alert.</summary>
public static class MonitorDecisions
{
    /// <summary>The decisions and what each does once approved.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["false_positive"] = "closes the alert; it stays closed until the customer or the listed entity changes",
        ["true_match"] = "confirms the alert (status confirmed): the customer is the listed party, or owned by it",
        ["escalate"] = "keeps the alert open, marked escalated",
    };
}

/// <summary>What the last run screened against: per list, its version label.</summary>
/// <param name="Id">The run number.</param>
/// <param name="At">When it ran.</param>
/// <param name="Lists">Each list's version (<c>v3</c>, <c>bundled</c>).</param>
/// <param name="PartySeq">The registry's change counter it screened up to.</param>
public sealed record MonitorRun(long Id, DateTimeOffset At, IReadOnlyDictionary<string, string> Lists, long PartySeq);

/// <summary>
/// The monitoring registry: parties, ownership links, runs and alerts, in a SQLite file (one process) or in PostgreSQL
/// (shared by every server replica, in the schema <c>interdict_monitor</c>). Imports and runs are each one transaction:
/// a failure leaves the registry as it was. Runs are serialised across processes by <see cref="LockRuns"/>, and webhook
/// deliveries by <see cref="TryLockDeliveries"/>, so replicas never raise or post an alert twice.
/// </summary>
public sealed class MonitorStore : IDisposable
{
    // Advisory lock keys (PostgreSQL): one for the schema's creation, one for runs, one for webhook deliveries.
    private const long MigrationLock = 0x1A7D1C7_0010;
    private const long RunLock = 0x1A7D1C7_0011;
    private const long DeliveryLock = 0x1A7D1C7_0012;

    private const string SqliteSchema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO meta VALUES ('party_seq', 0) ON CONFLICT DO NOTHING;
        CREATE TABLE IF NOT EXISTS parties (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, dob TEXT, country TEXT, identifier TEXT,
            hash TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS links (owner_id TEXT NOT NULL, owned_id TEXT NOT NULL, percent REAL NOT NULL, PRIMARY KEY (owner_id, owned_id));
        CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, at TEXT NOT NULL, lists TEXT NOT NULL, party_seq INTEGER NOT NULL, summary TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS alerts (id INTEGER PRIMARY KEY, party_id TEXT NOT NULL, party_name TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL,
            priority TEXT NOT NULL, entity_ids TEXT NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, close_reason TEXT,
            details TEXT NOT NULL, opened_run INTEGER NOT NULL, closed_run INTEGER,
            decision TEXT, pending_decision TEXT, pending_by TEXT, pending_reason TEXT);
        CREATE TABLE IF NOT EXISTS alert_history (alert_id INTEGER NOT NULL, at TEXT NOT NULL, step TEXT NOT NULL, decision TEXT, "by" TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS alerts_open ON alerts (party_id, key) WHERE status = 'open';
        CREATE INDEX IF NOT EXISTS alerts_pair ON alerts (party_id, key);
        CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, alert_id INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS deliveries (outbox_id INTEGER NOT NULL, target TEXT NOT NULL, attempts INTEGER NOT NULL, next_at TEXT NOT NULL,
            delivered_at TEXT, last_status INTEGER, last_error TEXT, PRIMARY KEY (outbox_id, target));
        """;

    // The same tables in PostgreSQL: identity columns for SQLite's row ids, BIGINT and DOUBLE PRECISION for its integers and reals.
    private const string PostgresSchema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
        INSERT INTO meta VALUES ('party_seq', 0) ON CONFLICT DO NOTHING;
        CREATE TABLE IF NOT EXISTS parties (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, dob TEXT, country TEXT, identifier TEXT,
            hash TEXT NOT NULL, seq BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS links (owner_id TEXT NOT NULL, owned_id TEXT NOT NULL, percent DOUBLE PRECISION NOT NULL, PRIMARY KEY (owner_id, owned_id));
        CREATE TABLE IF NOT EXISTS runs (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, lists TEXT NOT NULL, party_seq BIGINT NOT NULL, summary TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS alerts (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, party_id TEXT NOT NULL, party_name TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL,
            priority TEXT NOT NULL, entity_ids TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, close_reason TEXT,
            details TEXT NOT NULL, opened_run BIGINT NOT NULL, closed_run BIGINT,
            decision TEXT, pending_decision TEXT, pending_by TEXT, pending_reason TEXT);
        CREATE TABLE IF NOT EXISTS alert_history (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, alert_id BIGINT NOT NULL, at TEXT NOT NULL, step TEXT NOT NULL,
            decision TEXT, "by" TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS alerts_open ON alerts (party_id, key) WHERE status = 'open';
        CREATE INDEX IF NOT EXISTS alerts_pair ON alerts (party_id, key);
        CREATE TABLE IF NOT EXISTS outbox (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, alert_id BIGINT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS deliveries (outbox_id BIGINT NOT NULL, target TEXT NOT NULL, attempts INTEGER NOT NULL, next_at TEXT NOT NULL,
            delivered_at TEXT, last_status INTEGER, last_error TEXT, PRIMARY KEY (outbox_id, target));
        """;

    private readonly DbConnection _connection;
    private readonly bool _postgres;
    private DbTransaction? _tx;

    // Whether PostgreSQL has ICU's root collation (asked once, on the first filtered page).
    private bool? _icu;

    private MonitorStore(DbConnection connection, bool postgres, string location)
    {
        _connection = connection;
        _postgres = postgres;
        Path = location;
    }

    /// <summary>Where the registry is, for messages: the SQLite file, or the PostgreSQL database without credentials.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) the registry in the SQLite file at <paramref name="path"/>.</summary>
    public static MonitorStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            // SQLite's lower() folds ASCII letters only: the registry's filter folds names in any script as .NET does.
            connection.CreateFunction("fold", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
            var store = new MonitorStore(connection, postgres: false, connection.DataSource);
            store.Execute(SqliteSchema);
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InterdictException($"{path}: the monitoring registry cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Opens (creating when absent) the registry in PostgreSQL, in the schema <c>interdict_monitor</c> of the database
    /// <paramref name="connectionString"/> names: the one every replica shares. Failures name the database.
    /// </summary>
    public static MonitorStore OpenPostgres(string connectionString)
    {
        var (connection, location) = PostgresDatabase.Connect(connectionString, "the monitoring registry", MigrationLock, "interdict_monitor", PostgresSchema);
        return new MonitorStore(connection, postgres: true, location);
    }

    /// <summary>
    /// Holds the run lock until disposed: in PostgreSQL an advisory lock, so that of several replicas one runs at a time
    /// and each run starts from the one before it (a second replica finds the change already screened and raises
    /// nothing twice). SQLite registries belong to one process, whose callers serialise their runs.
    /// </summary>
    public IDisposable LockRuns()
    {
        if (!_postgres)
        {
            return new Unlock(null);
        }

        Execute("SELECT pg_advisory_lock(@key)", ("@key", RunLock));
        return new Unlock(() => Execute("SELECT pg_advisory_unlock(@key)", ("@key", RunLock)));
    }

    /// <summary>
    /// The webhook delivery lock, or null when another replica is delivering now (it posts what is due; this one must
    /// not post the same messages too).
    /// </summary>
    public IDisposable? TryLockDeliveries()
    {
        if (!_postgres)
        {
            return new Unlock(null);
        }

        return Scalar("SELECT pg_try_advisory_lock(@key)", ("@key", DeliveryLock)) is true
            ? new Unlock(() => Execute("SELECT pg_advisory_unlock(@key)", ("@key", DeliveryLock)))
            : null;
    }

    /// <summary>The registry's change counter: it grows with every party added or changed.</summary>
    public long PartySeq => (long)Scalar("SELECT value FROM meta WHERE key = 'party_seq'")!;

    /// <summary>True when the registry holds a party of that id.</summary>
    public bool Has(string id) => Scalar("SELECT 1 FROM parties WHERE id = @id", ("@id", id)) is not null;

    /// <summary>Upserts parties by id and replaces the ownership links of the parties named in <paramref name="links"/>, in one transaction.</summary>
    public ImportCounts Import(IReadOnlyList<Party> parties, IReadOnlyList<OwnershipLink>? links)
    {
        ArgumentNullException.ThrowIfNull(parties);
        using var tx = _tx = _connection.BeginTransaction();

        // What is stored, read in one query (not one per party): a million-party import is a few round trips, not millions.
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var cmd = Command("SELECT id, hash FROM parties"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                stored[r.GetString(0)] = r.GetString(1);
            }
        }

        int added = 0, changed = 0, unchanged = 0;
        var seq = PartySeq;
        var writes = new List<(Party Party, long Seq)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parties)
        {
            if (!seen.Add(p.Id))
            {
                throw new ArgumentException($"party '{p.Id}' is given twice in one import", nameof(parties));
            }

            var known = stored.TryGetValue(p.Id, out var hash);
            if (known && hash == p.Hash)
            {
                unchanged++;
                continue;
            }

            seq++;
            _ = known ? changed++ : added++;
            writes.Add((p, seq));
        }

        WriteRows("INSERT INTO parties (id, name, type, dob, country, identifier, hash, seq) VALUES ", """

            ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, dob = excluded.dob, country = excluded.country,
                identifier = excluded.identifier, hash = excluded.hash, seq = excluded.seq
            """, writes.Select(w => new object?[] { w.Party.Id, w.Party.Name, w.Party.Type, w.Party.Dob, w.Party.Country, w.Party.Identifier, w.Party.Hash, w.Seq }));

        // A link file replaces the owners of each party it names; a link given twice keeps its last percent.
        var newLinks = (links ?? []).GroupBy(l => (l.OwnerId, l.OwnedId)).Select(g => g.Last()).ToList();
        WriteRows("DELETE FROM links WHERE owned_id IN (", ")", newLinks.Select(l => l.OwnedId).Distinct(StringComparer.Ordinal).Select(id => new object?[] { id }));
        WriteRows("INSERT INTO links (owner_id, owned_id, percent) VALUES ", "", newLinks.Select(l => new object?[] { l.OwnerId, l.OwnedId, l.Percent }));

        Execute("UPDATE meta SET value = @seq WHERE key = 'party_seq'", ("@seq", seq));
        tx.Commit();
        _tx = null;
        return new ImportCounts(added, changed, unchanged, links?.Count ?? 0);
    }

    // Rows per statement in PostgreSQL, where each statement is a round trip: 500 rows of 8 columns is 4,000
    // parameters, within its limit. SQLite is in process: one prepared statement, bound again for each row, is faster.
    private const int RowsPerStatement = 500;

    // Runs head + "(@r0c0, @r0c1), (@r1c0, @r1c1), ..." + tail for the rows, as few statements as the engine likes, one
    // command per shape, prepared once.
    private void WriteRows(string head, string tail, IEnumerable<object?[]> rows)
    {
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(_postgres ? RowsPerStatement : 1))
            {
                var width = chunk[0].Length;
                if (command is null || command.Parameters.Count != chunk.Length * width)
                {
                    command?.Dispose();
                    var values = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(r => "(" + string.Join(", ", Enumerable.Range(0, width).Select(c => $"@r{r}c{c}")) + ")"));
                    command = Command(head + values + tail, [.. Enumerable.Range(0, chunk.Length * width).Select(i => ($"@r{i / width}c{i % width}", (object?)null))]);
                    if (!_postgres)
                    {
                        command.Prepare();
                    }
                }

                for (var i = 0; i < chunk.Length * width; i++)
                {
                    command.Parameters[i].Value = chunk[i / width][i % width] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }
        }
        finally
        {
            command?.Dispose();
        }
    }

    /// <summary>Removes parties (their links and open alerts with them); returns the ids that were not in the registry.</summary>
    public IReadOnlyList<string> Remove(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var unknown = ids.Where(id => !Has(id)).ToList();
        if (unknown.Count > 0)
        {
            return unknown;
        }

        using var tx = _tx = _connection.BeginTransaction();
        foreach (var id in ids)
        {
            Execute("DELETE FROM parties WHERE id = @id", ("@id", id));
            Execute("DELETE FROM links WHERE owner_id = @id OR owned_id = @id", ("@id", id));
            Execute("UPDATE alerts SET status = 'closed', close_reason = 'customer removed from the registry' WHERE party_id = @id AND status = 'open'", ("@id", id));
        }

        tx.Commit();
        _tx = null;
        return [];
    }

    /// <summary>Every party, with the change counter of its last change.</summary>
    public IReadOnlyList<(Party Party, long Seq)> Parties()
    {
        using var cmd = Command("SELECT id, name, type, dob, country, identifier, seq FROM parties ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<(Party, long)>();
        while (r.Read())
        {
            list.Add((ReadParty(r), r.GetInt64(6)));
        }

        // Ordinal order whatever the database's collation.
        list.Sort((a, b) => string.CompareOrdinal(a.Item1.Id, b.Item1.Id));
        return list;
    }

    /// <summary>
    /// One page of the registry in id order: parties whose id or name contains <paramref name="contains"/> (any case),
    /// or all; with how many match in all.
    /// </summary>
    public (IReadOnlyList<Party> Parties, long Total) PartiesPage(string? contains, int offset, int limit)
    {
        // Any case in any script: SQLite's lower() and PostgreSQL's under the C locale fold ASCII only, so SQLite folds with
        // .NET (fold, registered on open) and PostgreSQL with ICU's root collation.
        // (A PostgreSQL built without ICU has no such collation: its lower() follows the database's locale.)
        _icu ??= _postgres && Scalar("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')") is true;
        var fold = !_postgres ? "fold({0})" : _icu == true ? "lower({0} COLLATE \"und-x-icu\")" : "lower({0})";
        var where = string.IsNullOrWhiteSpace(contains) ? ""
            : $"WHERE {string.Format(CultureInfo.InvariantCulture, fold, "id")} LIKE @q ESCAPE '\\' OR {string.Format(CultureInfo.InvariantCulture, fold, "name")} LIKE @q ESCAPE '\\'";
        (string, object?)[] filter = where.Length == 0 ? [] : [("@q", "%" + contains!.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%")];
        var total = Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM parties {where}", filter), CultureInfo.InvariantCulture);
        using var cmd = Command($"SELECT id, name, type, dob, country, identifier FROM parties {where} ORDER BY id {(_postgres ? "COLLATE \"C\"" : "")} LIMIT @limit OFFSET @offset",
            [.. filter, ("@limit", limit), ("@offset", offset)]);
        using var r = cmd.ExecuteReader();
        var list = new List<Party>();
        while (r.Read())
        {
            list.Add(ReadParty(r));
        }

        return (list, total);
    }

    /// <summary>The party of that id, or null.</summary>
    public Party? Party(string id)
    {
        using var cmd = Command("SELECT id, name, type, dob, country, identifier FROM parties WHERE id = @id", ("@id", id));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadParty(r) : null;
    }

    /// <summary>The ownership links into and out of one party.</summary>
    public IReadOnlyList<OwnershipLink> LinksOf(string id) => ReadLinks("WHERE owner_id = @id OR owned_id = @id", ("@id", id));

    /// <summary>Every ownership link.</summary>
    public IReadOnlyList<OwnershipLink> Links() => ReadLinks("");

    // Links, by owned party then owner in ordinal order whatever the database's collation.
    private List<OwnershipLink> ReadLinks(string where, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command($"SELECT owner_id, owned_id, percent FROM links {where}", parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<OwnershipLink>();
        while (r.Read())
        {
            list.Add(new OwnershipLink(r.GetString(0), r.GetString(1), r.GetDouble(2)));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.OwnedId, b.OwnedId) is var c and not 0 ? c : string.CompareOrdinal(a.OwnerId, b.OwnerId));
        return list;
    }

    /// <summary>The last run, if any.</summary>
    public MonitorRun? LastRun()
    {
        using var cmd = Command("SELECT id, at, lists, party_seq FROM runs ORDER BY id DESC LIMIT 1");
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new MonitorRun(r.GetInt64(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!, r.GetInt64(3))
            : null;
    }

    /// <summary>Alerts in the order raised; only open ones unless <paramref name="all"/>; only one party's when <paramref name="partyId"/> is given.</summary>
    public IReadOnlyList<MonitorAlert> Alerts(bool all = false, string? partyId = null)
    {
        var where = string.Join(" AND ", new[] { all ? null : "status = 'open'", partyId is null ? null : "party_id = @party" }.OfType<string>());
        using var cmd = Command($"SELECT id, party_id, party_name, key, kind, priority, entity_ids, score, reason, status, close_reason, details, opened_run, closed_run FROM alerts {(where.Length > 0 ? "WHERE " + where : "")} ORDER BY id",
            partyId is null ? [] : [("@party", partyId)]);
        using var r = cmd.ExecuteReader();
        var list = new List<MonitorAlert>();
        while (r.Read())
        {
            list.Add(new MonitorAlert(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                JsonSerializer.Deserialize<List<string>>(r.GetString(6))!, r.GetDouble(7), r.GetString(8), r.GetString(9), Text(r, 10), r.GetString(11), r.GetInt64(12),
                r.IsDBNull(13) ? null : r.GetInt64(13)));
        }

        return list;
    }

    /// <summary>What a run does to the alerts, applied in one transaction with the run's record.</summary>
    internal long Record(DateTimeOffset at, IReadOnlyDictionary<string, string> lists, long partySeq, string summary, Func<long, RunWrites> writes)
    {
        using var tx = _tx = _connection.BeginTransaction();
        var runId = (long)Scalar("INSERT INTO runs (at, lists, party_seq, summary) VALUES (@at, @lists, @seq, @summary) RETURNING id",
            ("@at", at.ToString("O", CultureInfo.InvariantCulture)), ("@lists", JsonSerializer.Serialize(lists)), ("@seq", partySeq), ("@summary", summary))!;
        var w = writes(runId);
        foreach (var (party, key, reason) in w.Close)
        {
            Execute("UPDATE alerts SET status = 'closed', close_reason = @reason, closed_run = @run WHERE party_id = @party AND key = @key AND status = 'open'",
                ("@reason", reason), ("@run", runId), ("@party", party), ("@key", key));
        }

        foreach (var a in w.Open)
        {
            // An alert already open (or confirmed a true match) on the same customer and listed party is kept (updated), not raised twice.
            var existing = Scalar("SELECT id FROM alerts WHERE party_id = @party AND key = @key AND status IN ('open', 'confirmed') ORDER BY id DESC LIMIT 1", ("@party", a.PartyId), ("@key", a.Key));
            if (existing is long id)
            {
                Execute("UPDATE alerts SET entity_ids = @ids, score = @score, details = @details, priority = @priority WHERE id = @id",
                    ("@ids", JsonSerializer.Serialize(a.EntityIds)), ("@score", a.Score), ("@details", a.Details), ("@priority", a.Priority), ("@id", id));
                continue;
            }

            var alertId = (long)Scalar("""
                INSERT INTO alerts (party_id, party_name, key, kind, priority, entity_ids, score, reason, status, details, opened_run)
                VALUES (@party, @name, @key, @kind, @priority, @ids, @score, @reason, 'open', @details, @run) RETURNING id
                """, ("@party", a.PartyId), ("@name", a.PartyName), ("@key", a.Key), ("@kind", a.Kind), ("@priority", a.Priority), ("@ids", JsonSerializer.Serialize(a.EntityIds)),
                ("@score", a.Score), ("@reason", a.Reason), ("@details", a.Details), ("@run", runId))!;
            var body = JsonSerializer.Serialize(new
            {
                @event = "alert.opened",
                alert = new { id = alertId, party_id = a.PartyId, party_name = a.PartyName, kind = a.Kind, priority = a.Priority, entity_ids = a.EntityIds, score = a.Score, reason = a.Reason, details = JsonDocument.Parse(a.Details).RootElement, run = runId },
            });
            Outbox(alertId, body, at);
        }

        // Confirmed matches whose ground went away: a step in their history and a message to the webhooks, nothing lifted.
        foreach (var (a, reason) in w.Review ?? [])
        {
            History(a.Id, at, "to review", null, "monitoring", reason);
            Outbox(a.Id, JsonSerializer.Serialize(new
            {
                @event = "alert.review",
                alert = new { id = a.Id, party_id = a.PartyId, party_name = a.PartyName, kind = a.Kind, priority = a.Priority, entity_ids = a.EntityIds, score = a.Score, status = a.Status, reason, run = runId },
            }), at);
        }

        tx.Commit();
        _tx = null;
        return runId;
    }

    /// <summary>
    /// Four-eyes, first step: <paramref name="by"/> proposes a decision on an open alert; it takes effect only when a
    /// different person approves it. Throws <see cref="InvalidOperationException"/> saying why it cannot be proposed.
    /// </summary>
    public void Propose(long alertId, string decision, string reason, string by, DateTimeOffset at)
    {
        if (!MonitorDecisions.All.ContainsKey(decision))
        {
            throw new ArgumentException($"decision '{decision}' is not one of {string.Join(", ", MonitorDecisions.All.Keys)}", nameof(decision));
        }

        var alert = Alerts(all: true).FirstOrDefault(a => a.Id == alertId) ?? throw new KeyNotFoundException($"there is no alert {alertId}");
        if (alert.Status != "open")
        {
            throw new InvalidOperationException($"alert {alertId} is {alert.Status}; only an open alert takes a decision");
        }

        if (Scalar("SELECT pending_decision FROM alerts WHERE id = @id", ("@id", alertId)) is string pending)
        {
            throw new InvalidOperationException($"alert {alertId} already has a proposed decision ({pending}) waiting for approval");
        }

        using var tx = _tx = _connection.BeginTransaction();
        // Conditional, so that of two analysts proposing at once (through two replicas) one wins and the other is told.
        if (Execute("UPDATE alerts SET pending_decision = @d, pending_by = @by, pending_reason = @r WHERE id = @id AND status = 'open' AND pending_decision IS NULL",
            ("@d", decision), ("@by", by), ("@r", reason), ("@id", alertId)) == 0)
        {
            throw new InvalidOperationException($"alert {alertId} was decided or given a proposal by someone else just now; reload it");
        }

        History(alertId, at, "proposed", decision, by, reason);
        tx.Commit();
        _tx = null;
    }

    /// <summary>
    /// Four-eyes, second step: <paramref name="by"/>, who must not be the proposer, approves (or rejects) the proposed
    /// decision. Returns the decision that took effect, or null when rejected.
    /// </summary>
    public string? Approve(long alertId, bool approve, string reason, string by, DateTimeOffset at)
    {
        using var cmd = Command("SELECT pending_decision, pending_by, pending_reason FROM alerts WHERE id = @id", ("@id", alertId));
        string? decision, proposer, proposedReason;
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                throw new KeyNotFoundException($"there is no alert {alertId}");
            }

            (decision, proposer, proposedReason) = (Text(r, 0), Text(r, 1), Text(r, 2));
        }

        if (decision is null)
        {
            throw new InvalidOperationException($"alert {alertId} has no proposed decision to approve");
        }

        if (string.Equals(proposer, by, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"four eyes: {by} proposed this decision and cannot also approve it; another person must");
        }

        using var tx = _tx = _connection.BeginTransaction();
        // The proposal read above must still be the one waiting: of two approvers at once, one takes the step.
        if (Execute("UPDATE alerts SET pending_decision = NULL, pending_by = NULL, pending_reason = NULL WHERE id = @id AND pending_decision = @d AND pending_by = @by",
            ("@id", alertId), ("@d", decision), ("@by", proposer)) == 0)
        {
            throw new InvalidOperationException($"alert {alertId}: the proposal was approved or rejected by someone else just now; reload it");
        }

        History(alertId, at, approve ? "approved" : "rejected", decision, by, reason);
        if (approve)
        {
            var (status, close) = decision switch
            {
                "false_positive" => ("closed", $"false positive: {proposedReason} (proposed by {proposer}, approved by {by})"),
                "true_match" => ("confirmed", null),
                _ => ("open", null),
            };
            Execute("UPDATE alerts SET decision = @d, status = @s, close_reason = COALESCE(@c, close_reason) WHERE id = @id",
                ("@d", decision), ("@s", status), ("@c", close), ("@id", alertId));
        }

        tx.Commit();
        _tx = null;
        return approve ? decision : null;
    }

    /// <summary>An alert's history: every proposal, approval and rejection, oldest first.</summary>
    public IReadOnlyList<AlertStep> HistoryOf(long alertId)
    {
        using var cmd = Command($"SELECT at, step, decision, \"by\", reason FROM alert_history WHERE alert_id = @id ORDER BY {(_postgres ? "id" : "rowid")}", ("@id", alertId));
        using var r = cmd.ExecuteReader();
        var list = new List<AlertStep>();
        while (r.Read())
        {
            list.Add(new AlertStep(DateTimeOffset.Parse(r.GetString(0), CultureInfo.InvariantCulture), r.GetString(1), Text(r, 2), r.GetString(3), r.GetString(4)));
        }

        return list;
    }

    /// <summary>The last alert decided a false positive on this customer and listed party, if any.</summary>
    internal long? FalsePositive(string partyId, string key) =>
        Scalar("SELECT id FROM alerts WHERE party_id = @p AND key = @k AND decision = 'false_positive' ORDER BY id DESC LIMIT 1", ("@p", partyId), ("@k", key)) as long?;

    // A webhook message, written in the transaction of what it reports: a receiver that is down loses nothing.
    private void Outbox(long alertId, string body, DateTimeOffset at) =>
        Execute("INSERT INTO outbox (alert_id, body, created_at) VALUES (@alert, @body, @at)", ("@alert", alertId), ("@body", body), ("@at", at.ToString("O", CultureInfo.InvariantCulture)));

    private void History(long alertId, DateTimeOffset at, string step, string? decision, string by, string reason) =>
        Execute("INSERT INTO alert_history (alert_id, at, step, decision, \"by\", reason) VALUES (@id, @at, @step, @d, @by, @r)",
            ("@id", alertId), ("@at", at.ToString("O", CultureInfo.InvariantCulture)), ("@step", step), ("@d", decision), ("@by", by), ("@r", reason));

    /// <summary>Webhook messages not yet delivered to <paramref name="target"/> whose next attempt is due at <paramref name="now"/>.</summary>
    public IReadOnlyList<(long Id, string Body, int Attempts)> Pending(string target, DateTimeOffset now, int max = 100)
    {
        using var cmd = Command("""
            SELECT o.id, o.body, COALESCE(d.attempts, 0) FROM outbox o LEFT JOIN deliveries d ON d.outbox_id = o.id AND d.target = @target
            WHERE d.delivered_at IS NULL AND (d.next_at IS NULL OR d.next_at <= @now) ORDER BY o.id LIMIT @max
            """, ("@target", target), ("@now", now.ToString("O", CultureInfo.InvariantCulture)), ("@max", max));
        using var r = cmd.ExecuteReader();
        var list = new List<(long, string, int)>();
        while (r.Read())
        {
            list.Add((r.GetInt64(0), r.GetString(1), r.GetInt32(2)));
        }

        return list;
    }

    /// <summary>Records one delivery attempt: delivered, or the next attempt's time.</summary>
    public void Delivered(long outboxId, string target, int attempts, DateTimeOffset now, int? status, string? error, DateTimeOffset? retryAt)
    {
        Execute("""
            INSERT INTO deliveries (outbox_id, target, attempts, next_at, delivered_at, last_status, last_error) VALUES (@id, @target, @attempts, @next, @done, @status, @error)
            ON CONFLICT (outbox_id, target) DO UPDATE SET attempts = @attempts, next_at = @next, delivered_at = @done, last_status = @status, last_error = @error
            """, ("@id", outboxId), ("@target", target), ("@attempts", attempts), ("@next", (retryAt ?? now).ToString("O", CultureInfo.InvariantCulture)),
            ("@done", retryAt is null ? now.ToString("O", CultureInfo.InvariantCulture) : null), ("@status", status), ("@error", error));
    }

    /// <summary>How many webhook messages have been tried and not delivered yet (each waits for its retry).</summary>
    public long Undelivered() => Convert.ToInt64(Scalar("SELECT COUNT(*) FROM deliveries WHERE delivered_at IS NULL"), CultureInfo.InvariantCulture);

    /// <summary>The delivery log: every attempt's latest state, per message and target.</summary>
    public IReadOnlyList<(long OutboxId, long AlertId, string Target, int Attempts, bool Delivered, int? Status, string? Error)> Deliveries()
    {
        using var cmd = Command("SELECT d.outbox_id, o.alert_id, d.target, d.attempts, d.delivered_at IS NOT NULL, d.last_status, d.last_error FROM deliveries d JOIN outbox o ON o.id = d.outbox_id ORDER BY d.outbox_id, d.target");
        using var r = cmd.ExecuteReader();
        var list = new List<(long, long, string, int, bool, int?, string?)>();
        while (r.Read())
        {
            list.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetInt32(5), Text(r, 6)));
        }

        return list;
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // A party from the columns id, name, type, dob, country, identifier (in that order, first).
    private static Party ReadParty(DbDataReader r) => new(r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5));

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx is { Connection: not null } ? _tx : null;
        foreach (var (name, value) in parameters)
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(parameter);
        }

        return cmd;
    }

    private sealed class Unlock(Action? release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose()
        {
            _release?.Invoke();
            _release = null;
        }
    }

    // Runs a statement; returns how many rows it changed.
    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return cmd.ExecuteScalar();
    }
}

/// <summary>A new or kept alert a run writes.</summary>
internal sealed record AlertWrite(string PartyId, string PartyName, string Key, string Kind, string Priority, IReadOnlyList<string> EntityIds, double Score, string Reason, string Details);

/// <summary>The alerts a run opens and closes.</summary>
internal sealed record RunWrites(IReadOnlyList<AlertWrite> Open, IReadOnlyList<(string Party, string Key, string Reason)> Close,
    IReadOnlyList<(MonitorAlert Alert, string Reason)>? Review = null);

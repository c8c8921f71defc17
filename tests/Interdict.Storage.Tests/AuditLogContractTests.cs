using Interdict.Core.Audit;
using Interdict.Storage.Postgres;
using Interdict.Storage.Sqlite;
using Interdict.TestKit;
using Microsoft.Data.Sqlite;

namespace Interdict.Storage.Tests;

/// <summary>
/// The audit trail contract, run on every engine: numbering without gaps, the hash chain, append-only storage, tampering
/// detected by verification, and one chain from several concurrent writers (each its own connection, as separate
/// server processes would have).
/// </summary>
public abstract class AuditLogContractTests : IDisposable
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Opens the trail under test (a new instance each time, on the same database).</summary>
    protected abstract IAuditLog Open();

    /// <summary>Runs raw SQL with the append-only protection switched off, as someone with database access could.</summary>
    protected abstract void Tamper(string sql);

    /// <summary>Runs raw SQL as it is (protection on).</summary>
    protected abstract void Execute(string sql);

    public abstract void Dispose();

    protected static AuditEntry Entry(int n, DateTimeOffset? at = null) => new()
    {
        At = at ?? Day1.AddSeconds(n),
        Principal = n % 2 == 0 ? "bank-batch" : "anonymous (loopback)",
        Action = "screen",
        Client = "127.0.0.1",
        Request = $$"""{"parties":[{"id":"c-{{n}}","name":"Qassem Soleimani"}]}""",
        Lists = """[{"list":"ofac-sdn","publication_date":"2024-05-03","content_hash":"797c5376"}]""",
        Algorithm = "interdict-name 1.2.0",
        Result = """[{"id":"c-1","hits":[{"entity_id":"ofac-sdn:10481","matched_name":"SOLEIMANI, Qasem","score":0.9894}]}]""",
    };

    [Fact]
    public void Append_NumbersAndChainsAcrossBatches()
    {
        using var log = Open();
        log.Head().ShouldBe(new AuditHead(0, AuditChain.Genesis));
        var first = log.Append([Entry(1), Entry(2), Entry(3)]);
        var second = log.Append([Entry(4), Entry(5)]);
        first.Concat(second).Select(r => r.Seq).ShouldBe([1L, 2, 3, 4, 5]);
        second[0].PreviousHash.ShouldBe(first[^1].Hash);
        log.Head().ShouldBe(new AuditHead(5, second[^1].Hash));

        var stored = log.Read().ToList();
        stored.ShouldBe(first.Concat(second).ToList());
        AuditChain.Verify(stored, log.Head()).Intact.ShouldBeTrue();
    }

    [Fact]
    public void Read_DateRange_IncludesFromExcludesTo()
    {
        using var log = Open();
        log.Append([Entry(1, Day1), Entry(2, Day1.AddDays(1)), Entry(3, Day1.AddDays(2))]);
        var day2 = log.Read(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero)).ToList();
        day2.Select(r => r.Seq).ShouldBe([2L]);
        day2[0].Entry.ShouldBe(Entry(2, Day1.AddDays(1)));
    }

    [Fact]
    public void UpdateOrDelete_IsRefused()
    {
        using (var log = Open())
        {
            log.Append([Entry(1), Entry(2)]);
        }

        Should.Throw<Exception>(() => Execute("UPDATE audit_records SET principal = 'someone else' WHERE seq = 1")).Message.ShouldContain("append-only");
        Should.Throw<Exception>(() => Execute("DELETE FROM audit_records WHERE seq = 2")).Message.ShouldContain("append-only");
        using var again = Open();
        AuditChain.Verify(again.Read(), again.Head()).Intact.ShouldBeTrue();
    }

    [Fact]
    public void Verify_EditedRecord_IsNamed()
    {
        using (var log = Open())
        {
            log.Append([Entry(1), Entry(2), Entry(3)]);
        }

        Tamper("UPDATE audit_records SET result = '[]' WHERE seq = 2");
        using var reopened = Open();
        var v = AuditChain.Verify(reopened.Read(), reopened.Head());
        v.Intact.ShouldBeFalse();
        v.Problems.ShouldContain(p => p.StartsWith("record 2 ", StringComparison.Ordinal) && p.Contains("edited", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_DeletedRecords_AreNamed()
    {
        using (var log = Open())
        {
            log.Append([Entry(1), Entry(2), Entry(3), Entry(4)]);
        }

        Tamper("DELETE FROM audit_records WHERE seq = 2");
        Tamper("DELETE FROM audit_records WHERE seq = 4");
        using var reopened = Open();
        var v = AuditChain.Verify(reopened.Read(), reopened.Head());
        v.Problems.ShouldContain(p => p.Contains("record 2 is missing", StringComparison.Ordinal));
        v.Problems.ShouldContain(p => p.Contains("head names record 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Append_ConcurrentWritersOnSeparateConnections_BuildOneChain()
    {
        const int Writers = 4, Batches = 25, PerBatch = 3;
        var logs = Enumerable.Range(0, Writers).Select(_ => Open()).ToList();
        try
        {
            await Task.WhenAll(logs.Select((log, w) => Task.Run(() =>
            {
                for (var b = 0; b < Batches; b++)
                {
                    log.Append([.. Enumerable.Range(0, PerBatch).Select(i => Entry((w * 1000) + (b * 10) + i))]);
                }
            }, TestContext.Current.CancellationToken)));
        }
        finally
        {
            logs.ForEach(l => l.Dispose());
        }

        using var check = Open();
        var records = check.Read().ToList();
        records.Count.ShouldBe(Writers * Batches * PerBatch);
        records.Select(r => r.Seq).ShouldBe(Enumerable.Range(1, records.Count).Select(i => (long)i));
        AuditChain.Verify(records, check.Head()).Problems.ShouldBeEmpty();
    }
}

public sealed class SqliteAuditLogTests : AuditLogContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interdict-audit-").FullName;

    private string DbPath => Path.Combine(_folder, "audit.db");

    protected override IAuditLog Open() => SqliteAuditLog.Open(DbPath);

    protected override void Tamper(string sql) =>
        Execute("DROP TRIGGER IF EXISTS audit_records_no_update; DROP TRIGGER IF EXISTS audit_records_no_delete; " + sql);

    protected override void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public override void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class PostgresAuditLogTests : AuditLogContractTests
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();

    protected override IAuditLog Open() => PostgresAuditLog.Open(_database.ConnectionString);

    protected override void Tamper(string sql) =>
        _database.Execute("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only; " + sql);

    protected override void Execute(string sql) => _database.Execute(sql);

    public override void Dispose() => _database.Dispose();
}

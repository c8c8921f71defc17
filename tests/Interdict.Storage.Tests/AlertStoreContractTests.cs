using Interdict.Core.Alerts;
using Interdict.Storage.Postgres;
using Interdict.Storage.Sqlite;
using Interdict.TestKit;

namespace Interdict.Storage.Tests;

/// <summary>
/// The alert queue contract, run on every engine: alerts raised open; a false-positive decision suppresses the same
/// (customer, entity) pair while the record's fingerprint is unchanged and lets it back, flagged, once it changes; a
/// decided alert cannot be decided again, even by another process racing for it. Uses un:IRi.039 (Qasem Soleimani).
/// </summary>
public abstract class AlertStoreContractTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static readonly NewAlert Soleimani = new("cust-7", "Qassem Soleimani", "un:IRi.039", "Qasem Soleimani", 0.9612, "fingerprint-2026-02-27");

    private static readonly NewAlert Other = new("cust-8", "Ali Akbar Ahmadian", "ofac-sdn:10452", "AHMADIAN, Ali Akbar", 0.9315, "fingerprint-a");

    /// <summary>Opens the store under test (a new instance each time, on the same database).</summary>
    protected abstract IAlertStore Open();

    public abstract void Dispose();

    [Fact]
    public void Raise_ListFindAndDecide_KeepEveryField()
    {
        using var store = Open();
        var raised = store.Raise("batch-1", [Soleimani, Other], Monday);
        raised.Select(a => (a.CustomerId, a.EntityId, a.Status, a.Changed)).ShouldBe([("cust-7", "un:IRi.039", "open", false), ("cust-8", "ofac-sdn:10452", "open", false)]);
        raised[1].Id.ShouldBeGreaterThan(raised[0].Id);

        using var other = Open();
        var found = other.Find(raised[0].Id).ShouldNotBeNull();
        (found.BatchId, found.CustomerName, found.EntityName, found.Score, found.EntityHash, found.CreatedAt).ShouldBe(("batch-1", "Qassem Soleimani", "Qasem Soleimani", 0.9612, "fingerprint-2026-02-27", Monday));
        other.List().Select(a => a.Id).ShouldBe([raised[1].Id, raised[0].Id]);
        other.Find(raised[1].Id + 1000).ShouldBeNull();

        var decided = other.Decide(raised[0].Id, "escalate", "check the date of birth with the customer", "analyst-1", Monday.AddHours(1));
        (decided.Status, decided.DecidedBy, decided.DecidedAt, decided.Reason).ShouldBe(("escalated", "analyst-1", Monday.AddHours(1), "check the date of birth with the customer"));
        store.List("open").Select(a => a.Id).ShouldBe([raised[1].Id]);
        store.List("escalated").Select(a => a.Id).ShouldBe([raised[0].Id]);
        store.List("all", "batch-1").Count.ShouldBe(2);
        store.List("all", "batch-2").ShouldBeEmpty();

        // An escalated alert can still be decided; a decided one cannot.
        store.Decide(raised[0].Id, "true_match", "same passport", "mlro", Monday.AddHours(2)).Status.ShouldBe("true_match");
        Should.Throw<InvalidOperationException>(() => store.Decide(raised[0].Id, "false_positive", "no", "analyst-2", Monday.AddHours(3))).Message.ShouldContain("already decided (true_match)");
        Should.Throw<InvalidOperationException>(() => store.Decide(999_999, "false_positive", "no", "analyst-2", Monday)).Message.ShouldContain("no alert 999999");
        Should.Throw<ArgumentException>(() => store.Decide(raised[1].Id, "ignore", "no", "analyst-2", Monday));
    }

    [Fact]
    public void FalsePositive_SuppressesTheSamePairUntilTheRecordChanges()
    {
        using var store = Open();
        var first = store.Raise("batch-1", [Soleimani], Monday).Single();
        store.Decide(first.Id, "false_positive", "customer born 1990 in Tunis", "analyst-1", Monday.AddMinutes(5));

        // Same pair, same record: suppressed; another customer with the same entity is not.
        var second = store.Raise("batch-2", [Soleimani, Soleimani with { CustomerId = "cust-9" }], Monday.AddDays(1));
        second.Select(a => (a.Status, a.Changed)).ShouldBe([("suppressed", false), ("open", false)]);

        // The record changed (new fingerprint): back, flagged as changed.
        var third = store.Raise("batch-3", [Soleimani with { EntityHash = "fingerprint-2026-05-01" }], Monday.AddDays(2)).Single();
        (third.Status, third.Changed).ShouldBe(("open", true));
        using var reopened = Open();
        reopened.Find(third.Id)!.Changed.ShouldBeTrue();
        reopened.List("suppressed").Single().BatchId.ShouldBe("batch-2");
    }

    [Fact]
    public async Task Decide_TwoAnalystsAtOnceOnSeparateConnections_OnlyOneWins()
    {
        using var setup = Open();
        var ids = setup.Raise("batch-1", [.. Enumerable.Range(0, 20).Select(i => Soleimani with { CustomerId = $"cust-{i}" })], Monday).Select(a => a.Id).ToList();
        var stores = new[] { Open(), Open() };
        try
        {
            var wins = await Task.WhenAll(stores.Select((store, n) => Task.Run(() => ids.Count(id =>
            {
                try
                {
                    store.Decide(id, n == 0 ? "true_match" : "false_positive", "race", $"analyst-{n}", Monday.AddHours(1));
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }), TestContext.Current.CancellationToken)));
            wins.Sum().ShouldBe(ids.Count);
            setup.List("open").ShouldBeEmpty();
        }
        finally
        {
            Array.ForEach(stores, s => s.Dispose());
        }
    }
}

public sealed class SqliteAlertStoreTests : AlertStoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interdict-alerts-").FullName;

    protected override IAlertStore Open() => SqliteAlertStore.Open(Path.Combine(_folder, "alerts.db"));

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The alert queue contract on PostgreSQL (skipped without <c>INTERDICT_TEST_POSTGRES</c>, required in CI).</summary>
public sealed class PostgresAlertStoreTests : AlertStoreContractTests
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();

    protected override IAlertStore Open() => PostgresAlertStore.Open(_database.ConnectionString);

    public override void Dispose() => _database.Dispose();
}

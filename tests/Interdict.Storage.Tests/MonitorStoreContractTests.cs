using Interdict.Core.Model;
using Interdict.Lists.Store;
using Interdict.Monitoring;
using Interdict.Storage.Sqlite;
using Interdict.TestKit;

namespace Interdict.Storage.Tests;

/// <summary>
/// The monitoring registry's contract, run on SQLite and on PostgreSQL: upserts by id, all-or-nothing imports, one
/// open alert per customer and listed party, four eyes, the webhook outbox and its delivery log, and a run across the
/// UN lists of 2025-11-20 and 2026-02-27, between which four Sudanese parties were designated (SDi.007–SDi.010; e.g.
/// SDi.008 ABDUL RAHIM HAMDAN, of the Rapid Support Forces).
/// </summary>
public abstract class MonitorStoreContractTests : IDisposable
{
    protected static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("interdict-monitor-").FullName;

    /// <summary>Opens the registry under test (a new connection each time, on the same database).</summary>
    protected abstract MonitorStore Open();

    public virtual void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string Folder => _folder;

    /// <summary>Imports a UN publication into <paramref name="library"/> and puts it in force (even when older).</summary>
    protected static void PutInForce(ListLibrary library, ListFileContent[] un) =>
        library.Import("un", un, "test", null, makeCurrent: true, evenIfOlder: true);

    protected static Party[] Customers =>
    [
        new("c-1", "Abdul-Rahim Hamdan", "person"),
        new("c-2", "Darfur Gold Trading", "organization", Country: "SD"),
        new("c-3", "Nile Logistics", "organization", Country: "SD"),
        new("c-4", "Margaret Thornbury", "person", "1980-02-29", "GB"),
    ];

    protected static OwnershipLink[] Owners => [new("c-1", "c-2", 60), new("c-2", "c-3", 50)];

    [Fact]
    public void Import_UpsertsById_CountsWhatChanged_AndAnotherConnectionSeesIt()
    {
        using var store = Open();
        store.Import(Customers, Owners).ShouldBe(new ImportCounts(4, 0, 0, 2));
        store.PartySeq.ShouldBe(4);

        using var other = Open();
        other.Import([Customers[0], Customers[1] with { Name = "Darfur Gold Trading Co" }, new("c-5", "Omar Farouk")], [new("c-4", "c-2", 10)])
            .ShouldBe(new ImportCounts(1, 1, 1, 1));
        other.PartySeq.ShouldBe(6);
        store.Parties().Select(p => (p.Party.Id, p.Party.Name, p.Seq)).ShouldBe([
            ("c-1", "Abdul-Rahim Hamdan", 1), ("c-2", "Darfur Gold Trading Co", 5), ("c-3", "Nile Logistics", 3), ("c-4", "Margaret Thornbury", 4), ("c-5", "Omar Farouk", 6)]);
        // The links of an owned party named in an import replace its earlier ones.
        store.Links().ShouldBe([new OwnershipLink("c-4", "c-2", 10), new OwnershipLink("c-2", "c-3", 50)]);
        store.Has("c-5").ShouldBeTrue();
        store.Has("c-9").ShouldBeFalse();

        // The registry a page at a time, filtered on part of an id or a name, any case; % and _ are literal.
        var page = store.PartiesPage(null, 1, 2);
        (page.Total, string.Join(",", page.Parties.Select(p => p.Id))).ShouldBe((5, "c-2,c-3"));
        store.PartiesPage("THORN", 0, 10).Parties.ShouldHaveSingleItem().ShouldBe(Customers[3]);
        store.PartiesPage("c-", 0, 10).Total.ShouldBe(5);
        store.PartiesPage("c_", 0, 10).Total.ShouldBe(0);
        store.PartiesPage("%", 0, 10).Total.ShouldBe(0);
        // Any case in any script, not only ASCII.
        other.Import([new("c-6", "Иван Петрович Сидоров"), new("c-7", "ÖZTÜRK İnşaat")], []);
        store.PartiesPage("сидоров", 0, 10).Parties.ShouldHaveSingleItem().Id.ShouldBe("c-6");
        store.PartiesPage("ИВАН", 0, 10).Parties.ShouldHaveSingleItem().Id.ShouldBe("c-6");
        store.PartiesPage("öztürk", 0, 10).Parties.ShouldHaveSingleItem().Id.ShouldBe("c-7");
        store.Remove(["c-6", "c-7"]).ShouldBeEmpty();
        store.Party("c-4").ShouldBe(Customers[3]);
        store.Party("c-9").ShouldBeNull();
        store.LinksOf("c-2").ShouldBe([new OwnershipLink("c-4", "c-2", 10), new OwnershipLink("c-2", "c-3", 50)]);

        store.Remove(["c-5", "c-9"]).ShouldBe(["c-9"]); // nothing removed when an id is unknown
        store.Has("c-5").ShouldBeTrue();
        store.Remove(["c-5"]).ShouldBeEmpty();
        other.Has("c-5").ShouldBeFalse();
    }

    [Fact]
    public void Run_RaisesNewDesignationsAndOwnership_OnceEach_AndClosesThemWhenDelisted()
    {
        var library = new ListLibrary(SqliteListStore.Open(Path.Combine(Folder, "lists.db")));
        PutInForce(library, StoreTestBase.Un20251120);
        using var store = Open();
        store.Import(Customers, Owners);
        var options = new MonitorOptions { Lists = ["un"] };

        var first = new MonitorRunner(store, library).Run(options);
        (first.FirstRun, first.PartiesScreenedInFull, first.Opened.Count).ShouldBe((true, 4, 0));

        PutInForce(library, StoreTestBase.Un20260227);
        using var other = Open();
        var second = new MonitorRunner(other, library).Run(options);
        (second.FirstRun, second.EntitiesAdded, second.PartiesScreenedInFull, second.PartiesScreenedAgainstChanges).ShouldBe((false, 4, 0, 4));
        second.Opened.Select(a => (a.PartyId, a.Kind, a.Priority, string.Join(",", a.EntityIds), a.Reason)).ShouldBe([
            ("c-1", "name", "high", "un:SDi.008", "new designation"),
            ("c-2", "ownership", "high", "c-1", "ownership"),
            ("c-3", "ownership", "low", "c-1", "ownership"),
        ], ignoreOrder: true);
        second.Opened.Single(a => a.PartyId == "c-3").Score.ShouldBe(0.3); // 60% of 50%
        store.Pending("http://127.0.0.1/hook", Monday).Count.ShouldBe(3); // one webhook message per alert, written with it

        // Run again with nothing changed: nothing raised twice.
        new MonitorRunner(store, library).Run(options).Opened.ShouldBeEmpty();
        store.Alerts().Count.ShouldBe(3);
        store.LastRun().ShouldNotBeNull().Lists["un"].ShouldStartWith("v");

        // c-2's ownership alert is confirmed a true match (four eyes).
        var c2 = store.Alerts().Single(a => a.PartyId == "c-2");
        store.Propose(c2.Id, "true_match", "share register: 60% held by c-1", "ana", Monday);
        store.Approve(c2.Id, true, "agreed", "sue", Monday);

        // The November list back in force: SDi.008 is no longer listed; its alert and the open ownership alert close.
        // The confirmed one is not lifted by the run: it stays confirmed, marked for review, and the webhooks are told.
        PutInForce(library, StoreTestBase.Un20251120);
        var back = new MonitorRunner(store, library).Run(options);
        back.Closed.Select(a => (a.PartyId, a.CloseReason)).ShouldBe([
            ("c-1", "the listed party was removed from its list"),
            ("c-3", "no longer owned by listed parties above the threshold"),
        ], ignoreOrder: true);
        back.ToReview.ShouldHaveSingleItem().Id.ShouldBe(c2.Id);
        store.Alerts(all: true).Single(a => a.Id == c2.Id).Status.ShouldBe("confirmed");
        var step = store.HistoryOf(c2.Id)[^1];
        (step.Step, step.Decision, step.By, step.Reason).ShouldBe(("to review", null, "monitoring", "no longer owned by listed parties above the threshold: review whether the block can be lifted"));
        store.Pending("http://127.0.0.1/hook", Monday.AddYears(1))[^1].Body.ShouldContain("\"event\":\"alert.review\"");
        store.Alerts().ShouldBeEmpty();
        store.Alerts(all: true).Count.ShouldBe(3);

        // Nothing changes again: the confirmed match is not flagged a second time.
        new MonitorRunner(store, library).Run(options).ToReview.ShouldBeEmpty();
    }

    [Fact]
    public void FourEyes_TheProposerCannotApprove_ASecondPersonCloses_AndTheHistoryKeepsBoth()
    {
        using var store = Open();
        store.Import(Customers, null);
        var runId = store.Record(Monday, new Dictionary<string, string> { ["un"] = "v1" }, store.PartySeq, "{}", _ => new RunWrites(
            [new AlertWrite("c-1", "Abdul-Rahim Hamdan", "un:SDi.008", "name", "high", ["un:SDi.008"], 0.93, "new designation", "{}")], []));
        var alert = store.Alerts().ShouldHaveSingleItem();
        (alert.PartyId, alert.Key, alert.Status, alert.OpenedRun).ShouldBe(("c-1", "un:SDi.008", "open", runId));

        Should.Throw<ArgumentException>(() => store.Propose(alert.Id, "ignore", "no", "ana", Monday));
        store.Propose(alert.Id, "false_positive", "customer born 1990 in Khartoum, listed man 1979", "ana", Monday.AddMinutes(1));
        using var other = Open();
        Should.Throw<InvalidOperationException>(() => other.Propose(alert.Id, "true_match", "same man", "bob", Monday.AddMinutes(2))).Message.ShouldContain("already has a proposed decision (false_positive)");
        Should.Throw<InvalidOperationException>(() => other.Approve(alert.Id, true, "ok", "ana", Monday.AddMinutes(3))).Message.ShouldContain("four eyes");
        other.Approve(alert.Id, true, "checked the passport copy", "sue", Monday.AddMinutes(4)).ShouldBe("false_positive");

        var closed = store.Alerts(all: true).ShouldHaveSingleItem();
        (closed.Status, closed.CloseReason).ShouldBe(("closed", "false positive: customer born 1990 in Khartoum, listed man 1979 (proposed by ana, approved by sue)"));
        store.HistoryOf(alert.Id).Select(s => (s.Step, s.Decision, s.By, s.Reason, s.At)).ShouldBe([
            ("proposed", "false_positive", "ana", "customer born 1990 in Khartoum, listed man 1979", Monday.AddMinutes(1)),
            ("approved", "false_positive", "sue", "checked the passport copy", Monday.AddMinutes(4)),
        ]);
        store.FalsePositive("c-1", "un:SDi.008").ShouldBe(alert.Id);
        Should.Throw<InvalidOperationException>(() => store.Propose(alert.Id, "escalate", "again", "ana", Monday.AddMinutes(5))).Message.ShouldContain("is closed");

        // A true match, proposed and approved, confirms the alert; a rejected proposal leaves it open for another.
        store.Record(Monday.AddHours(1), new Dictionary<string, string>(), store.PartySeq, "{}", _ => new RunWrites(
            [new AlertWrite("c-2", "Darfur Gold Trading", "ownership", "ownership", "high", ["c-1"], 0.6, "ownership", "{}")], []));
        var owned = store.Alerts().ShouldHaveSingleItem();
        store.Propose(owned.Id, "escalate", "ask for the share register", "ana", Monday.AddHours(2));
        store.Approve(owned.Id, false, "the register is on file", "sue", Monday.AddHours(3)).ShouldBeNull();
        store.Propose(owned.Id, "true_match", "register shows 60% held by c-1", "ana", Monday.AddHours(4));
        other.Approve(owned.Id, true, "agreed", "sue", Monday.AddHours(5)).ShouldBe("true_match");
        (store.Alerts(all: true).Single(a => a.Id == owned.Id).Status, store.Alerts(all: true).Single(a => a.Id == owned.Id).CloseReason).ShouldBe(("confirmed", null));
        store.HistoryOf(owned.Id).Select(s => s.Step).ShouldBe(["proposed", "rejected", "proposed", "approved"]);
    }

    [Fact]
    public void Record_KeepsOneOpenAlertPerCustomerAndListedParty_AndTheOutboxLogsEachDelivery()
    {
        using var store = Open();
        store.Import(Customers, null);
        var write = new AlertWrite("c-1", "Abdul-Rahim Hamdan", "un:SDi.008", "name", "high", ["un:SDi.008"], 0.91, "new designation", "{}");
        store.Record(Monday, new Dictionary<string, string>(), 4, "{}", _ => new RunWrites([write], []));
        store.Record(Monday.AddHours(1), new Dictionary<string, string>(), 4, "{}", _ => new RunWrites([write with { Score = 0.95, EntityIds = ["un:SDi.008", "ofac-sdn:99999"] }], []));
        var alert = store.Alerts(all: true).ShouldHaveSingleItem();
        (alert.Score, alert.EntityIds.Count).ShouldBe((0.95, 2)); // kept and updated, not raised twice

        const string target = "http://127.0.0.1:9/hook";
        var pending = store.Pending(target, Monday).ShouldHaveSingleItem();
        pending.Attempts.ShouldBe(0);
        pending.Body.ShouldContain("\"party_id\":\"c-1\"");
        store.Delivered(pending.Id, target, 1, Monday, null, "connection refused", Monday.AddSeconds(5));
        store.Pending(target, Monday.AddSeconds(1)).ShouldBeEmpty(); // waits for its retry
        store.Undelivered().ShouldBe(1);
        store.Pending(target, Monday.AddSeconds(6)).ShouldHaveSingleItem().Attempts.ShouldBe(1);
        store.Delivered(pending.Id, target, 2, Monday.AddSeconds(6), 200, null, null);
        store.Pending(target, Monday.AddDays(1)).ShouldBeEmpty();
        store.Undelivered().ShouldBe(0);
        store.Deliveries().ShouldHaveSingleItem().ShouldBe((pending.Id, alert.Id, target, 2, true, (int?)200, (string?)null));
    }
}

public sealed class SqliteMonitorStoreTests : MonitorStoreContractTests
{
    protected override MonitorStore Open() => MonitorStore.Open(Path.Combine(Folder, "monitor.db"));
}

/// <summary>The registry on PostgreSQL (skipped without <c>INTERDICT_TEST_POSTGRES</c>, required in CI), and what replicas need of it.</summary>
public sealed class PostgresMonitorStoreTests : MonitorStoreContractTests
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();

    protected override MonitorStore Open() => MonitorStore.OpenPostgres(_database.ConnectionString);

    public override void Dispose()
    {
        _database.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task RunLock_LetsOneReplicaRunAtATime_AndTheDeliveryLockIsTakenByOne()
    {
        using var a = Open();
        using var b = Open();
        var aReleased = false;
        Task<bool> waiting;
        using (a.LockRuns())
        {
            waiting = Task.Run(() =>
            {
                using (b.LockRuns())
                {
                    return Volatile.Read(ref aReleased);
                }
            }, TestContext.Current.CancellationToken);
            await Task.Delay(200, TestContext.Current.CancellationToken); // give b the chance to take the lock, were it free
            Volatile.Write(ref aReleased, true);
        }

        (await waiting).ShouldBeTrue(); // b got the run lock only once a let it go

        using (var held = a.TryLockDeliveries())
        {
            held.ShouldNotBeNull();
            b.TryLockDeliveries().ShouldBeNull();
        }

        using var after = b.TryLockDeliveries();
        after.ShouldNotBeNull();
    }

    [Fact]
    public async Task TwoReplicasRunningAtOnce_RaiseEachAlertOnce()
    {
        var library = new ListLibrary(SqliteListStore.Open(Path.Combine(Folder, "lists.db")));
        PutInForce(library, StoreTestBase.Un20251120);
        using (var setup = Open())
        {
            setup.Import(Customers, Owners);
            new MonitorRunner(setup, library).Run(new MonitorOptions { Lists = ["un"] });
        }

        PutInForce(library, StoreTestBase.Un20260227);
        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            using var replica = Open();
            return new MonitorRunner(replica, library).Run(new MonitorOptions { Lists = ["un"] });
        }, TestContext.Current.CancellationToken)));

        reports.Sum(r => r.Opened.Count).ShouldBe(3);
        reports.Count(r => r.EntitiesAdded == 4).ShouldBe(1); // the second found the change already screened
        using var store = Open();
        store.Alerts().Select(a => a.PartyId).Order().ShouldBe(["c-1", "c-2", "c-3"]);
        store.Pending("http://127.0.0.1/hook", Monday).Count.ShouldBe(3);
    }
}

using Interdict.Core;
using Interdict.Core.Store;
using Microsoft.Data.Sqlite;

namespace Interdict.Storage.Tests;

/// <summary>The list store contract: what every store (SQLite, PostgreSQL) must do with real publications.</summary>
public abstract class ListStoreContractTests : StoreTestBase
{
    /// <summary>Runs SQL directly on the store's database, as someone with database access could; returns the error it raised, or null.</summary>
    protected abstract Exception? TryRaw(string sql);

    [Fact]
    public void Import_StoresAVersionWithTheFilesDateHashAndCounts_AndPutsItInForce()
    {
        var (list, result) = Library.Import("un", Un20251120, "test", null, makeCurrent: true, evenIfOlder: true);
        result.Created.ShouldBeTrue();
        var v = result.Version;
        (v.Source, v.PublicationDate, v.Entities, v.Current).ShouldBe(("un", new DateOnly(2025, 11, 20), 1000, true));
        v.ContentHash.ShouldBe("9743e2bb10eaa4b777d118c5b5755a21e32898aacc7ca235df6cf42337b937c6");
        v.Files.ShouldHaveSingleItem().Records.ShouldBe(1000);
        Store.Files(v.Id).ShouldHaveSingleItem().Bytes.ShouldBe(Un20251120[0].Bytes);
        Store.Entities(v.Id).Count.ShouldBe(list.Entities.Count);
        Library.InForce("un").Label.ShouldBe($"v{v.Id}");
    }

    [Fact]
    public void Load_StoredVersion_TwiceGivesWhatItsFilesParseTo()
    {
        // The second load may come from the parsed-list cache: it must hold exactly what parsing the stored files gives.
        var version = Library.Import("un", Un20251120, "test", null, makeCurrent: true, evenIfOlder: true).Result.Version;
        var parsed = System.Text.Json.JsonSerializer.Serialize(Interdict.Lists.ListSources.Read("un", Store.Files(version.Id)));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var loaded = Library.Load(Library.InForce("un"));
            System.Text.Json.JsonSerializer.Serialize(loaded).ShouldBe(parsed);
            loaded.PublicationDate.ShouldBe(new DateOnly(2025, 11, 20));
        }
    }

    [Fact]
    public void Import_SameContentTwice_StoresOneVersion()
    {
        var first = Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true).Result;
        var second = Library.Import("un", Un20251120, "b", null, makeCurrent: true, evenIfOlder: true).Result;
        second.Created.ShouldBeFalse();
        second.Version.Id.ShouldBe(first.Version.Id);
        Store.Versions("un").Count.ShouldBe(1);
    }

    [Fact]
    public void Import_NoSwitch_KeepsTheVersionInForce()
    {
        var old = Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true).Result.Version;
        var newer = Library.Import("un", Un20260227, "b", null, makeCurrent: false).Result.Version;
        Store.Current("un")!.Id.ShouldBe(old.Id);
        Store.SetCurrent(newer.Id);
        Store.Current("un")!.Id.ShouldBe(newer.Id);
    }

    [Fact]
    public void StoredVersions_CannotBeEditedOrDeleted()
    {
        var v = Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true).Result.Version;
        foreach (var sql in EditsOf(v.Id))
        {
            (TryRaw(sql)?.Message ?? $"'{sql}' was allowed").ShouldContain("immutable");
        }

        Reopen();
        var kept = Store.Versions("un").ShouldHaveSingleItem();
        (kept.Id, kept.ContentHash, kept.Entities, kept.PublicationDate, kept.Current).ShouldBe((v.Id, v.ContentHash, 1000, v.PublicationDate, true));
        Store.Files(v.Id).ShouldHaveSingleItem().Bytes.ShouldBe(Un20251120[0].Bytes);
        Store.Entities(v.Id).Count.ShouldBe(1000);
    }

    /// <summary>Edits and deletions of a stored version's rows, in the store's own table names.</summary>
    protected abstract IEnumerable<string> EditsOf(long versionId);

    [Fact]
    public void Import_TwoVersions_ListsThemInPublicationOrder_AndEntityFactsRoundTrip()
    {
        var newer = Library.Import("un", Un20260227, "b", null, makeCurrent: true).Result.Version;
        var older = Library.Import("un", Un20251120, "a", null, makeCurrent: false).Result.Version;
        Store.Versions("un").Select(v => v.PublicationDate).ShouldBe([new DateOnly(2025, 11, 20), new DateOnly(2026, 2, 27)]);
        Store.Versions().Count.ShouldBe(2);
        Store.Versions("ofac-sdn").ShouldBeEmpty();
        Store.Current("un")!.Id.ShouldBe(newer.Id);
        older.Current.ShouldBeFalse();

        // un:IRi.039 (Qasem Soleimani): its stored facts are what the parsed record says.
        var list = Interdict.Lists.ListSources.Read("un", Un20260227);
        var soleimani = list.Entities.Single(e => e.Id == "un:IRi.039");
        var stored = Store.Entities(newer.Id).Single(e => e.EntityId == "un:IRi.039");
        stored.ShouldBe(new StoredEntity(soleimani.Id, soleimani.Name, soleimani.Kind, soleimani.Programs, EntityFingerprint.Hash(soleimani)), new StoredEntityComparer());
        Should.Throw<ArgumentException>(() => Store.SetCurrent(newer.Id + older.Id + 100));
    }

    [Fact]
    public async Task Import_SamePublicationFromTwoStoresAtOnce_StoresOneVersion()
    {
        // Two stores on one database, as two servers or CLI runs would have; both import the same publication at once.
        // (Issue #19: with SQLite, one of them crashed on the UNIQUE constraint, exit 134.)
        using var other = OpenStore();
        var library = new Interdict.Lists.Store.ListLibrary(other);
        using var start = new Barrier(2);
        var token = TestContext.Current.CancellationToken;
        var results = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(token); return Library.Import("un", Un20260227, "a", null, makeCurrent: true).Result; }, token),
            Task.Run(() => { start.SignalAndWait(token); return library.Import("un", Un20260227, "b", null, makeCurrent: true).Result; }, token));
        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Version.Id).Distinct().ShouldHaveSingleItem();
        Store.Versions("un").ShouldHaveSingleItem().Current.ShouldBeTrue();
    }

    [Fact]
    public void Import_AnOlderPublicationLast_KeepsTheNewerInForce_UnlessTheUserSwitches()
    {
        // Issue #19: the last import to finish was put in force even when it was the older publication.
        var newer = Library.Import("un", Un20260227, "b", null, makeCurrent: true).Result.Version;
        var older = Library.Import("un", Un20251120, "a", null, makeCurrent: true).Result.Version;
        older.Current.ShouldBeFalse();
        Store.Current("un")!.Id.ShouldBe(newer.Id);

        // Asked for (lists import --switch): the older one is put in force.
        Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true).Result.Version.Current.ShouldBeTrue();
        Store.Current("un")!.Id.ShouldBe(older.Id);
        // And a newer one goes in force again without being asked.
        Library.Import("un", Un20260227, "b", null, makeCurrent: true).Result.Version.Current.ShouldBeTrue();
    }

    [Fact]
    public void Import_WithFarFewerEntitiesThanTheVersionInForce_IsRefused_UnlessForced()
    {
        // Issue #19: the first line of sdn.csv alone imported as 1 entity and was put in force.
        var sdn = TestKit.Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv");
        var firstLine = sdn[..(Array.IndexOf(sdn, (byte)'\n') + 1)];
        var refused = Should.Throw<Interdict.Lists.Store.ListRefusedException>(() =>
            Library.Import("ofac-sdn", [new("sdn.csv", firstLine)], "a", new DateOnly(2024, 5, 4), makeCurrent: true, maxDrop: 0.1));
        refused.Message.ShouldContain("the new file has 1 entities");
        Store.Versions("ofac-sdn").ShouldBeEmpty();
        Library.InForce("ofac-sdn").Stored.ShouldBeNull();

        // Forced (no drop check), or stored without being put in force, it is accepted.
        Library.Import("ofac-sdn", [new("sdn.csv", firstLine)], "a", new DateOnly(2024, 5, 4), makeCurrent: false, maxDrop: 0.1).Result.Version.Current.ShouldBeFalse();
        Library.Import("ofac-sdn", [new("sdn.csv", firstLine)], "a", new DateOnly(2024, 5, 4), makeCurrent: true).Result.Version.Current.ShouldBeTrue();
    }

    [Fact]
    public void Import_MalformedFile_StoresNothing()
    {
        Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true);
        var broken = Un20260227[0].Bytes[..500_000];
        Should.Throw<ListFormatException>(() => Library.Import("un", [new("consolidated.xml", broken)], "b", null, makeCurrent: true));
        Store.Versions("un").Count.ShouldBe(1);
        Library.InForce("un").PublicationDate.ShouldBe(new DateOnly(2025, 11, 20));
    }

    [Fact]
    public void Import_OfacCsvWithoutDate_IsRefusedUnlessADateIsGiven()
    {
        var files = new[] { new Core.Model.ListFileContent("sdn.csv", TestKit.Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv")) };
        Should.Throw<ListFormatException>(() => Library.Import("ofac-sdn", files, "a", null, makeCurrent: true)).Message.ShouldContain("--published");
        Library.Import("ofac-sdn", files, "a", new DateOnly(2024, 5, 3), makeCurrent: true).Result.Version.PublicationDate.ShouldBe(new DateOnly(2024, 5, 3));

        // Re-reading the stored files gives the same date: it is kept with the files.
        Reopen();
        Library.Load(Library.InForce("ofac-sdn")).PublicationDate.ShouldBe(new DateOnly(2024, 5, 3));
    }

    [Fact]
    public void AsOf_PicksTheNewestVersionPublishedOnOrBeforeTheDate_IncludingTheBundledSnapshot()
    {
        Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true);
        Library.AsOf("un", new DateOnly(2025, 12, 31)).PublicationDate.ShouldBe(new DateOnly(2025, 11, 20));
        Library.AsOf("un", new DateOnly(2026, 3, 1)).Label.ShouldBe("bundled");
        Should.Throw<ArgumentException>(() => Library.AsOf("un", new DateOnly(2025, 1, 1))).Message.ShouldContain("oldest: 2025-11-20");
    }

    [Fact]
    public void Find_AcceptsNumbersDatesBundledAndCurrent()
    {
        var v = Library.Import("un", Un20251120, "a", null, makeCurrent: true, evenIfOlder: true).Result.Version;
        Library.Find("un", $"v{v.Id}").Stored!.Id.ShouldBe(v.Id);
        Library.Find("un", v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Stored!.Id.ShouldBe(v.Id);
        Library.Find("un", "2025-11-20").Stored!.Id.ShouldBe(v.Id);
        Library.Find("un", "bundled").Stored.ShouldBeNull();
        Library.Find("un", "current").Stored!.Id.ShouldBe(v.Id);
        Should.Throw<ArgumentException>(() => Library.Find("un", "v999"));
        Should.Throw<ArgumentException>(() => Library.Find("un", "yesterday"));
    }
}

/// <summary>Compares stored entity facts by value (programmes element by element).</summary>
internal sealed class StoredEntityComparer : IEqualityComparer<StoredEntity>
{
    public bool Equals(StoredEntity? x, StoredEntity? y) =>
        x is not null && y is not null && (x.EntityId, x.Name, x.Kind, x.ContentHash) == (y.EntityId, y.Name, y.Kind, y.ContentHash) && x.Programs.SequenceEqual(y.Programs);

    public int GetHashCode(StoredEntity obj) => obj.EntityId.GetHashCode(StringComparison.Ordinal);
}

public sealed class SqliteListStoreTests : ListStoreContractTests
{
    protected override Exception? TryRaw(string sql)
    {
        using var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        try
        {
            cmd.ExecuteNonQuery();
            return null;
        }
        catch (SqliteException ex)
        {
            return ex;
        }
    }

    protected override IEnumerable<string> EditsOf(long versionId) =>
        ["UPDATE versions SET entity_count = 1", "DELETE FROM versions", "UPDATE entities SET name = 'X'", "DELETE FROM files", $"DELETE FROM entities WHERE version_id = {versionId}"];

    [Fact]
    public void Open_ANewerSchema_IsRefusedWithAClearMessage()
    {
        Store.Dispose();
        using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }

        Should.Throw<InterdictException>(() => Interdict.Storage.Sqlite.SqliteListStore.Open(DbPath)).Message.ShouldContain("newer than this Interdict understands");
        Reopen_AfterFixingSchema();
    }

    private void Reopen_AfterFixingSchema()
    {
        using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 1";
            cmd.ExecuteNonQuery();
        }

        Reopen();
    }
}

using Interdict.Core.Store;
using Interdict.Storage.Postgres;
using Interdict.TestKit;
using Npgsql;

namespace Interdict.Storage.Tests;

/// <summary>The list store contract on PostgreSQL (skipped without <c>INTERDICT_TEST_POSTGRES</c>, required in CI).</summary>
public sealed class PostgresListStoreTests : ListStoreContractTests
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();

    protected override IListStore OpenStore() => PostgresListStore.Open(_database.ConnectionString);

    protected override Exception? TryRaw(string sql)
    {
        try
        {
            _database.Execute(sql);
            return null;
        }
        catch (PostgresException ex)
        {
            return ex;
        }
    }

    protected override IEnumerable<string> EditsOf(long versionId) =>
        ["UPDATE list_versions SET entity_count = 1", "DELETE FROM list_versions", "UPDATE list_entities SET name = 'X'", "DELETE FROM list_files",
         $"DELETE FROM list_entities WHERE version_id = {versionId}", "TRUNCATE list_entities CASCADE"];

    [Fact]
    public async Task Import_SamePublicationFromTwoProcessesAtOnce_StoresOneVersion()
    {
        // Two stores on one database, as two servers or CLI runs would have; both import the same publication at once.
        using var other = PostgresListStore.Open(_database.ConnectionString);
        var library = new Interdict.Lists.Store.ListLibrary(other);
        using var start = new Barrier(2);
        var token = TestContext.Current.CancellationToken;
        var results = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(token); return Library.Import("un", Un20251120, "a", null, makeCurrent: true).Result; }, token),
            Task.Run(() => { start.SignalAndWait(token); return library.Import("un", Un20251120, "b", null, makeCurrent: true).Result; }, token));
        results.Count(r => r.Created).ShouldBe(1);
        results.Select(r => r.Version.Id).Distinct().ShouldHaveSingleItem();
        Store.Versions("un").ShouldHaveSingleItem().Current.ShouldBeTrue();
    }

    protected override void Cleanup() => _database.Dispose();
}

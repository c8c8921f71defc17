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

    protected override void Cleanup() => _database.Dispose();
}

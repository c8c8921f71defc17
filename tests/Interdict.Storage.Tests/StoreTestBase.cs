using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists.Bundled;
using Interdict.Lists.Store;
using Interdict.Storage.Sqlite;
using Interdict.TestKit;

namespace Interdict.Storage.Tests;

/// <summary>
/// A fresh store per test (a SQLite file in a temporary folder unless a subclass opens another kind), with the two real
/// UN publications at hand.
/// </summary>
public abstract class StoreTestBase : IDisposable
{
    protected StoreTestBase()
    {
        Folder = Directory.CreateTempSubdirectory("interdict-store-").FullName;
        Store = OpenStore();
        Library = new ListLibrary(Store);
    }

    protected string Folder { get; }

    protected IListStore Store { get; private set; }

    protected ListLibrary Library { get; private set; }

    protected string DbPath => Path.Combine(Folder, "lists.db");

    /// <summary>The UN list of 2025-11-20 (1,000 entries).</summary>
    protected internal static ListFileContent[] Un20251120 => [new("consolidated.xml", Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"))];

    /// <summary>The UN list of 2026-02-27 (1,003 entries), the bundled one.</summary>
    protected internal static ListFileContent[] Un20260227 => [.. BundledLists.Files("un").Select(f => f with { PublicationDate = null })];

    /// <summary>
    /// Opens the store under test (again, on the same data, when called by <see cref="Reopen"/>). Runs in the base
    /// constructor: a subclass may use its field initialisers here, not its constructor.
    /// </summary>
    protected virtual IListStore OpenStore() => SqliteListStore.Open(DbPath);

    /// <summary>Releases what a test class added (servers, clients) before the store goes.</summary>
    protected virtual void Cleanup()
    {
    }

    /// <summary>Closes and reopens the store, as another process would see it.</summary>
    protected void Reopen()
    {
        Store.Dispose();
        Store = OpenStore();
        Library = new ListLibrary(Store);
    }

    public void Dispose()
    {
        Cleanup();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

using System.Collections.Concurrent;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists;
using Interdict.Lists.Bundled;
using Interdict.Lists.Custom;
using Interdict.Lists.Store;
using Interdict.Hosting;

namespace Interdict.Cli;

/// <summary>Loads the lists a command asked for: official lists (the store's version in force, else the bundled snapshot), custom watchlists from files.</summary>
internal static class ListCatalog
{
    // Bundled lists are immutable; loading them once per process serves repeated in-process runs (tests, batch).
    private static readonly ConcurrentDictionary<string, Lazy<WatchList>> Bundled = new(StringComparer.Ordinal);

    public static WatchList LoadBundled(string id)
    {
        try
        {
            return Bundled.GetOrAdd(id, key => new Lazy<WatchList>(() => BundledLists.Load(key))).Value;
        }
        catch (ListFormatException ex)
        {
            throw new DataFileException($"bundled list {id} is invalid: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Opens the list store for reading when it exists; null when a SQLite store was never created (nothing imported:
    /// screening then uses the bundled lists). A PostgreSQL store always exists once reachable.
    /// </summary>
    public static IListStore? OpenExistingStore(StoreFactory location)
    {
        try
        {
            return location.OpenExistingListStore();
        }
        catch (InterdictException ex)
        {
            throw new DataFileException(ex.Message, ex);
        }
    }

    /// <summary>Opens (creating when needed) the list store, for commands that write to it.</summary>
    public static IListStore OpenStore(StoreFactory location)
    {
        try
        {
            return location.OpenListStore();
        }
        catch (InterdictException ex)
        {
            // The stores' own messages name the file or the database already.
            throw new DataFileException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(location.IsPostgres ? ex.Message : $"{location.ListStoreLocation}: the list store cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>Loads the version of an official list a command should use: in force now, or in force on <paramref name="asOf"/>.</summary>
    public static WatchList LoadOfficial(ListLibrary library, string id, DateOnly? asOf)
    {
        var version = ResolveVersion(library, id, asOf);
        return version.Stored is null ? LoadBundled(id) : LoadStored(library, version);
    }

    private static WatchList Load(ListLibrary library, VersionRef version) => version.Stored is null ? LoadBundled(version.Source) : LoadStored(library, version);

    private static VersionRef ResolveVersion(ListLibrary library, string id, DateOnly? asOf)
    {
        try
        {
            return asOf is { } date ? library.AsOf(id, date) : library.InForce(id);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--as-of: {ex.Message}");
        }
    }

    private static WatchList LoadStored(ListLibrary library, VersionRef version)
    {
        try
        {
            return library.Load(version);
        }
        catch (ListFormatException ex)
        {
            throw new DataFileException($"stored version {version.Label} of {version.Source} is invalid: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The lists to screen: <paramref name="listIds"/> when given; otherwise every official list, unless custom list files
    /// are given, in which case only those.
    /// </summary>
    public static List<WatchList> Select(IReadOnlyList<string> listIds, IReadOnlyList<string> listFiles, ListLibrary? library = null, DateOnly? asOf = null)
    {
        library ??= new ListLibrary(null);
        var lists = new List<WatchList>();
        var custom = listFiles.Select(LoadCustom).ToList();
        var available = library.Sources();
        var ids = listIds.Count > 0 ? listIds : listFiles.Count > 0 ? [] : available;
        foreach (var id in ids)
        {
            if (!available.Contains(id) && !ListSources.IsKnown(id) && !custom.Any(c => c.Id == id))
            {
                throw new UsageException($"--lists: unknown list '{id}'; available: {string.Join(", ", available.Concat(custom.Select(c => c.Id)))}");
            }
        }

        // The official lists are parsed in parallel (each parse is independent); the store is read one version at a time.
        var official = ids.Where(id => !custom.Any(c => c.Id == id)).ToList();
        var versions = official.Select(id => (Id: id, Version: ResolveVersion(library, id, asOf))).ToList();
        foreach (var (id, version) in versions.Where(v => v.Version.Stored is null && !BundledLists.Ids.Contains(v.Id)))
        {
            throw new UsageException($"--lists: {id} has no version in the list store; import one with 'interdict lists import FILE --source {id}'");
        }

        var loaded = new WatchList[versions.Count];
        Parallel.For(0, versions.Count, i => loaded[i] = Load(library, versions[i].Version));
        lists.AddRange(loaded);

        // Custom lists are screened when no --lists is given, or when --lists names them.
        lists.AddRange(custom.Where(c => listIds.Count == 0 || listIds.Contains(c.Id)));
        var duplicate = lists.GroupBy(l => l.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"two lists have the id '{duplicate.Key}'; rename one of the --list-file files");
        }

        return lists;
    }

    public static WatchList LoadCustom(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException($"{path}: file not found (--list-file)");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return CustomListReader.Read(stream, path, CustomListReader.ListIdFor(path));
        }
        catch (ListFormatException ex)
        {
            throw new DataFileException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"{path}: cannot be read: {ex.Message}", ex);
        }
    }
}

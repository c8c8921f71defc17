using System.Collections.Concurrent;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Lists.Bundled;
using Interdict.Lists.Custom;

namespace Interdict.Cli;

/// <summary>Loads the lists a command asked for: bundled lists by id, custom watchlists from files.</summary>
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
    /// The lists to screen: <paramref name="listIds"/> when given; otherwise every bundled list, unless custom list files
    /// are given, in which case only those.
    /// </summary>
    public static List<WatchList> Select(IReadOnlyList<string> listIds, IReadOnlyList<string> listFiles)
    {
        var lists = new List<WatchList>();
        var custom = listFiles.Select(LoadCustom).ToList();
        var ids = listIds.Count > 0 ? listIds : listFiles.Count > 0 ? [] : BundledLists.Ids;
        foreach (var id in ids)
        {
            if (BundledLists.Ids.Contains(id))
            {
                lists.Add(LoadBundled(id));
            }
            else if (!custom.Any(c => c.Id == id))
            {
                throw new UsageException($"--lists: unknown list '{id}'; available: {string.Join(", ", BundledLists.Ids.Concat(custom.Select(c => c.Id)))}");
            }
        }

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

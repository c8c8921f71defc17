using System.Diagnostics;
using System.Globalization;
using Interdict.Core.Model;
using Interdict.Lists.Store;
using Interdict.Storage.Sqlite;

namespace Interdict.CrashHost;

/// <summary>
/// A process for crash-safety tests: imports a list file into a SQLite list store, with the store's fault hook injected
/// to kill this process (as <c>kill -9</c> would) after N entity rows, in the middle of the import's transaction.
/// Usage: <c>Interdict.CrashHost STORE FILE SOURCE N</c>.
/// </summary>
internal static class CrashHost
{
    private static int Main(string[] args)
    {
        if (args.Length != 4 || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var killAfter))
        {
            Console.Error.WriteLine("usage: Interdict.CrashHost STORE FILE SOURCE N");
            return 2;
        }

        using var store = SqliteListStore.Open(args[0], afterEntityRow: written =>
        {
            if (written == killAfter)
            {
                Process.GetCurrentProcess().Kill();
            }
        });
        var file = new ListFileContent(Path.GetFileName(args[1]), File.ReadAllBytes(args[1]));
        new ListLibrary(store).Import(args[2], [file], args[1], null, makeCurrent: true, evenIfOlder: true);
        Console.WriteLine("Stored");
        return 0;
    }
}

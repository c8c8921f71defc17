namespace Interdict.Storage.Sqlite;

/// <summary>
/// Creates a database file readable and writable by its owner only (0600) before SQLite opens it: screening requests,
/// customers' names and decisions are not for other users of the machine. SQLite gives its journal and WAL files the
/// database file's permissions. An existing file is left as it is.
/// </summary>
internal static class PrivateFile
{
    public static void CreateIfMissing(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path) || path is ":memory:" || path.Length == 0)
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process in the meantime: SQLite opens it as it is.
        }
    }
}

namespace Interdict.Benchmarks;

/// <summary>Files of the repository the harness reads (the evaluation's sets), which live in the clone, not in the build output.</summary>
internal static class RepositoryFile
{
    /// <summary>The path of <paramref name="relative"/>, looked for upwards from the current folder, then from the harness's own.</summary>
    public static string Find(string relative)
    {
        static DirectoryInfo? Above(string start, string relative)
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, relative)))
            {
                dir = dir.Parent;
            }

            return dir;
        }

        var found = Above(Environment.CurrentDirectory, relative) ?? Above(AppContext.BaseDirectory, relative)
            ?? throw new FileNotFoundException($"{relative} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}: run the harness from a clone of the repository");
        return Path.Combine(found.FullName, relative);
    }
}

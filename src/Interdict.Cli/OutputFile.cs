using System.Text;

namespace Interdict.Cli;

/// <summary>
/// Writes a result file whole or not at all: into a temporary file beside it, moved over the destination once complete.
/// A run that fails part-way (a query file that changed under it, a full disk, an audit trail that cannot be read)
/// leaves an earlier file as it was and no partial file behind.
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Runs <paramref name="write"/> on a writer for <paramref name="path"/> (UTF-8 without a byte order mark), or on
    /// <paramref name="standardOutput"/> when there is no path. An I/O error in writing is reported with the path.
    /// </summary>
    /// <remarks>
    /// Any <see cref="IOException"/> escaping <paramref name="write"/> is taken as the output's: errors in reading its
    /// input must be reported as such by the callback (as a <see cref="DataFileException"/> naming that file).
    /// </remarks>
    public static T Write<T>(string? path, TextWriter standardOutput, Func<TextWriter, T> write)
    {
        string? temporary = null;
        try
        {
            if (path is null)
            {
                return write(standardOutput);
            }

            var full = Replaceable(Path.GetFullPath(path));
            if (full is null)
            {
                // A device, a pipe, a link to one (/dev/stdout) or an empty file: written in place, as there is nothing
                // to keep and a device must not be replaced by a file.
                using var direct = new StreamWriter(path, append: false, new UTF8Encoding(false));
                return write(direct);
            }

            temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.partial");
            T result;
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
            {
                result = write(writer);
            }

            File.Move(temporary, full, overwrite: true);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"{path ?? "standard output"}: cannot be written: {ex.Message}", ex);
        }
        finally
        {
            if (temporary is not null)
            {
                try
                {
                    File.Delete(temporary); // nothing to delete once moved
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The folder cannot be written at all: nothing was left in it.
                }
            }
        }
    }

    // The file to replace by renaming a temporary file over it: the path itself, or the file a link leads to (the link
    // is kept); null when it is to be written in place. .NET does not tell a device or a pipe from a file, but they
    // have no length, and an empty file has nothing to keep.
    private static string? Replaceable(string full)
    {
        var file = new FileInfo(full);
        if (file.LinkTarget is not null)
        {
            file = File.ResolveLinkTarget(full, returnFinalTarget: true) as FileInfo;
            if (file is null)
            {
                return null;
            }
        }

        if (file.FullName.StartsWith("/dev/", StringComparison.Ordinal) || file.FullName.StartsWith("/proc/", StringComparison.Ordinal))
        {
            return null;
        }

        return !file.Exists || file.Length > 0 ? file.FullName : null;
    }
}

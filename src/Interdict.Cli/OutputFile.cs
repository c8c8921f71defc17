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
        if (path is null)
        {
            try
            {
                return write(standardOutput);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DataFileException($"standard output: cannot be written: {ex.Message}", ex);
            }
        }

        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.partial");
        try
        {
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
            throw new DataFileException($"{path}: cannot be written: {ex.Message}", ex);
        }
        finally
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

namespace Interdict.Cli;

/// <summary>The CLI's exit codes: a contract other tools depend on.</summary>
internal static class ExitCodes
{
    /// <summary>Success (and no hits, when --fail-on-hit is given).</summary>
    public const int Success = 0;

    /// <summary>Hits were found and --fail-on-hit was given.</summary>
    public const int HitsFound = 1;

    /// <summary>The command line is wrong: unknown option, bad value, missing argument.</summary>
    public const int UsageError = 2;

    /// <summary>A data file (list, watchlist or query file) cannot be read or is invalid.</summary>
    public const int DataError = 3;

    /// <summary><c>lists update</c> could not update at least one source; the versions in force are unchanged.</summary>
    public const int UpdateFailed = 4;

    /// <summary><c>audit verify</c> found an edited, inserted or deleted record.</summary>
    public const int AuditBroken = 5;
}

/// <summary>A usage error found after parsing (a bad value); exits with <see cref="ExitCodes.UsageError"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>An unreadable or invalid data file; exits with <see cref="ExitCodes.DataError"/>.</summary>
internal sealed class DataFileException(string message, Exception? inner = null) : Exception(message, inner);

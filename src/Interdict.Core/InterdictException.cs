namespace Interdict.Core;

/// <summary>The base of Interdict's small exception family.</summary>
public class InterdictException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public InterdictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public InterdictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message.</summary>
    public InterdictException()
    {
    }
}

/// <summary>A list file (or an uploaded watchlist) is malformed. Says which list, which file and which line or record.</summary>
public sealed class ListFormatException : InterdictException
{
    /// <summary>Creates the exception; the message names the file and line.</summary>
    public ListFormatException(string listId, string file, long? line, string problem, string? recordId = null, Exception? innerException = null)
        : base(Describe(listId, file, line, problem, recordId), innerException)
    {
        ListId = listId;
        File = file;
        Line = line;
        RecordId = recordId;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ListFormatException(string message)
        : base(message)
    {
        ListId = File = Problem = "";
    }

    /// <summary>Creates the exception with a message and cause only.</summary>
    public ListFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ListId = File = Problem = "";
    }

    /// <summary>Creates the exception with no message.</summary>
    public ListFormatException()
    {
        ListId = File = Problem = "";
    }

    /// <summary>The list id, e.g. <c>ofac-sdn</c>.</summary>
    public string ListId { get; }

    /// <summary>The file, as the user named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>The record's id, when known.</summary>
    public string? RecordId { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string listId, string file, long? line, string problem, string? recordId)
    {
        var where = line is { } l ? $"{file}, line {l}" : file;
        var record = recordId is null ? "" : $" (record {recordId})";
        return $"{where}{record}: {problem} [list {listId}]";
    }
}

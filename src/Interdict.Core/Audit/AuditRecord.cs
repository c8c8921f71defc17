using System.Data;
using System.Globalization;

namespace Interdict.Core.Audit;

/// <summary>One event to record in the audit trail, as its writer hands it over.</summary>
public sealed record AuditEntry
{
    /// <summary>When the request arrived (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who asked: the API key's name, or <c>anonymous (loopback)</c> on an open server.</summary>
    public required string Principal { get; init; }

    /// <summary>What was done: <c>screen</c>, <c>search</c>, or another action name.</summary>
    public required string Action { get; init; }

    /// <summary>The client's address, when known.</summary>
    public string? Client { get; init; }

    /// <summary>The input, as JSON.</summary>
    public required string Request { get; init; }

    /// <summary>The list versions used (id, publication date, content hash), as JSON.</summary>
    public required string Lists { get; init; }

    /// <summary>The matching algorithm's name and version.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The outcome (hits and their scores), as JSON.</summary>
    public required string Result { get; init; }

    /// <summary>The timestamp as stored and hashed: UTC, ISO 8601 with seven fractional digits (sorts as text).</summary>
    public string AtText => FormatTime(At);

    /// <summary>A time as the trail stores it: UTC, ISO 8601 with seven fractional digits (so that text order is time order).</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A stored audit record: an entry with its place in the chain.</summary>
/// <param name="Seq">Its number: 1, 2, 3… with no gaps.</param>
/// <param name="Entry">What was recorded.</param>
/// <param name="PreviousHash">The hash of record <c>Seq - 1</c> (<see cref="AuditChain.Genesis"/> for the first).</param>
/// <param name="Hash">SHA-256 over this record's fields and <paramref name="PreviousHash"/>.</param>
public sealed record AuditRecord(long Seq, AuditEntry Entry, string PreviousHash, string Hash);

/// <summary>The newest link of the chain, kept apart from the records so that a deleted last record is noticed.</summary>
/// <param name="Seq">The last record's number (0 when the trail is empty).</param>
/// <param name="Hash">The last record's hash.</param>
public sealed record AuditHead(long Seq, string Hash);

/// <summary>
/// The audit trail: append-only, hash-chained. Implementations write a batch in one durable transaction, numbering and
/// chaining it after whatever any other process sharing the store wrote last.
/// </summary>
public interface IAuditLog : IDisposable
{
    /// <summary>Appends entries in order; returns once they are durably stored.</summary>
    IReadOnlyList<AuditRecord> Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>Records in sequence order, optionally only those at or after <paramref name="since"/> and before <paramref name="until"/>.</summary>
    IEnumerable<AuditRecord> Read(DateTimeOffset? since = null, DateTimeOffset? until = null);

    /// <summary>The chain head.</summary>
    AuditHead Head();

    /// <summary>Where the trail is kept, for messages (a path, or a host and database; never a password).</summary>
    string Location { get; }
}

/// <summary>The column layout shared by every audit store, and reading a record back from it.</summary>
public static class AuditColumns
{
    /// <summary>The columns, in the order <see cref="Read"/> expects them.</summary>
    public const string List = "seq, at, principal, action, client, request, lists, algorithm, result, prev_hash, hash";

    /// <summary>
    /// Reads a trail page by page (so a long trail is never held in memory at once): <paramref name="readPage"/> gets the
    /// last sequence number seen and the page size, and returns the next records in sequence order.
    /// </summary>
    public static IEnumerable<AuditRecord> Paged(Func<long, int, List<AuditRecord>> readPage, int pageSize = 2000)
    {
        ArgumentNullException.ThrowIfNull(readPage);
        var after = 0L;
        while (true)
        {
            var page = readPage(after, pageSize);
            foreach (var r in page)
            {
                yield return r;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>Parses a period bound as people write it: a day (<c>YYYY-MM-DD</c>, midnight UTC) or an ISO 8601 time.</summary>
    public static bool TryParseBound(string text, out DateTimeOffset time)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            time = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>Reads one record from a row selected with <see cref="List"/>.</summary>
    public static AuditRecord Read(IDataRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AuditRecord(
            row.GetInt64(0),
            new AuditEntry
            {
                At = DateTimeOffset.Parse(row.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Principal = row.GetString(2),
                Action = row.GetString(3),
                Client = row.IsDBNull(4) ? null : row.GetString(4),
                Request = row.GetString(5),
                Lists = row.GetString(6),
                Algorithm = row.GetString(7),
                Result = row.GetString(8),
            },
            row.GetString(9),
            row.GetString(10));
    }
}

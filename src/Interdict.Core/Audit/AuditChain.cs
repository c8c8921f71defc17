using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Interdict.Core.Audit;

/// <summary>The outcome of checking an audit trail.</summary>
/// <param name="Records">How many records were read.</param>
/// <param name="Head">The chain head as stored.</param>
/// <param name="Problems">Each break found, naming the record; empty when the chain is intact.</param>
public sealed record AuditVerification(long Records, AuditHead Head, IReadOnlyList<string> Problems)
{
    /// <summary>True when no record was edited, inserted, removed or reordered.</summary>
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// The hash chain over audit records: each record's hash covers its own fields and the previous record's hash, so that
/// editing, deleting or inserting any record breaks every later link.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash of a record: SHA-256, lower-case hex, over its length-prefixed fields.</summary>
    public static string Hash(long seq, AuditEntry entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        // Each field is written as "<length>:<value>\n", so no two different records can serialise alike.
        var text = new StringBuilder();
        foreach (var field in new[] { seq.ToString(CultureInfo.InvariantCulture), entry.AtText, entry.Principal, entry.Action, entry.Client ?? "", entry.Request, entry.Lists, entry.Algorithm, entry.Result, previousHash })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Chains <paramref name="entries"/> after <paramref name="head"/>.</summary>
    public static List<AuditRecord> Link(AuditHead head, IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(entries);
        var records = new List<AuditRecord>(entries.Count);
        var (seq, previous) = (head.Seq, head.Hash);
        foreach (var entry in entries)
        {
            seq++;
            var hash = Hash(seq, entry, previous);
            records.Add(new AuditRecord(seq, entry, previous, hash));
            previous = hash;
        }

        return records;
    }

    /// <summary>Checks every record, in sequence order, against its neighbours and the stored head.</summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records, AuditHead head, int maxProblems = 100)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(head);
        var problems = new List<string>();
        void Problem(string text)
        {
            if (problems.Count < maxProblems)
            {
                problems.Add(text);
            }
        }

        long expected = 1, count = 0;
        var previous = Genesis;
        foreach (var r in records)
        {
            count++;
            if (r.Seq != expected)
            {
                Problem(r.Seq > expected
                    ? $"record {expected.ToString(CultureInfo.InvariantCulture)}{(r.Seq - expected > 1 ? "–" + (r.Seq - 1).ToString(CultureInfo.InvariantCulture) : "")} is missing (deleted)"
                    : $"record {r.Seq.ToString(CultureInfo.InvariantCulture)} appears out of order or twice");
            }

            if (!string.Equals(r.PreviousHash, previous, StringComparison.Ordinal))
            {
                Problem($"record {r.Seq.ToString(CultureInfo.InvariantCulture)}: its link to the previous record does not match (a record before it was edited, inserted or removed)");
            }

            var actual = Hash(r.Seq, r.Entry, r.PreviousHash);
            if (!string.Equals(actual, r.Hash, StringComparison.Ordinal))
            {
                Problem($"record {r.Seq.ToString(CultureInfo.InvariantCulture)} ({r.Entry.AtText}, {r.Entry.Principal}): its content does not match its hash (edited)");
            }

            previous = r.Hash;
            expected = r.Seq + 1;
        }

        var lastSeq = expected - 1;
        if (head.Seq != lastSeq || (lastSeq > 0 && !string.Equals(head.Hash, previous, StringComparison.Ordinal)))
        {
            Problem($"the chain head names record {head.Seq.ToString(CultureInfo.InvariantCulture)} but the trail ends at record {lastSeq.ToString(CultureInfo.InvariantCulture)} (records at the end were removed, or the head was edited)");
        }

        return new AuditVerification(count, head, problems);
    }
}

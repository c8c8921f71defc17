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
/// <remarks>
/// With a key (<c>Audit:KeyFile</c>), each record's hash is an HMAC-SHA256 under it, written <c>k1:&lt;hex&gt;</c>: whoever
/// can write the database but has not the key cannot re-hash an edited chain so that it verifies. Once a record is
/// keyed every later one must be, and the newest must be (the server writes a keyed record at start when the head is
/// not): a chain re-hashed without the key fails verification with the key.
/// </remarks>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>How a keyed record's hash starts.</summary>
    public const string KeyedPrefix = "k1:";

    /// <summary>True when a record's hash was made with a key.</summary>
    public static bool IsKeyed(string hash) => hash?.StartsWith(KeyedPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// The hash of a record: SHA-256 (lower-case hex) over its length-prefixed fields, or with <paramref name="key"/>
    /// their HMAC-SHA256, written <c>k1:&lt;hex&gt;</c>.
    /// </summary>
    public static string Hash(long seq, AuditEntry entry, string previousHash, byte[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        // Each field is written as "<length>:<value>\n", so no two different records can serialise alike.
        var text = new StringBuilder();
        foreach (var field in new[] { seq.ToString(CultureInfo.InvariantCulture), entry.AtText, entry.Principal, entry.Action, entry.Client ?? "", entry.Request, entry.Lists, entry.Algorithm, entry.Result, previousHash })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return key is null ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : KeyedPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes));
    }

    /// <summary>A key's public name: the first 16 hex digits of a SHA-256 over it (to tell keys apart without showing them).</summary>
    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData([.. "interdict-audit-key:"u8, .. key]))[..16];

    /// <summary>Chains <paramref name="entries"/> after <paramref name="head"/> (with <paramref name="key"/>: keyed hashes).</summary>
    public static List<AuditRecord> Link(AuditHead head, IReadOnlyList<AuditEntry> entries, byte[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(entries);
        var records = new List<AuditRecord>(entries.Count);
        var (seq, previous) = (head.Seq, head.Hash);
        foreach (var entry in entries)
        {
            seq++;
            var hash = Hash(seq, entry, previous, key);
            records.Add(new AuditRecord(seq, entry, previous, hash));
            previous = hash;
        }

        return records;
    }

    /// <summary>
    /// Checks every record, in sequence order, against its neighbours and the stored head; keyed records with
    /// <paramref name="key"/> (without it they cannot be checked, and that is reported). With a key, an unkeyed record
    /// after a keyed one, or an unkeyed newest record, is reported as a chain re-hashed without the key.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records, AuditHead head, int maxProblems = 100, byte[]? key = null)
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

        long expected = 1, count = 0, unverifiable = 0;
        var previous = Genesis;
        var keyedSeen = false;
        var lastKeyed = false;
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

            var keyed = IsKeyed(r.Hash);
            if (keyed && key is null)
            {
                unverifiable++;
            }
            else
            {
                var actual = Hash(r.Seq, r.Entry, r.PreviousHash, keyed ? key : null);
                if (!string.Equals(actual, r.Hash, StringComparison.Ordinal))
                {
                    Problem($"record {r.Seq.ToString(CultureInfo.InvariantCulture)} ({r.Entry.AtText}, {r.Entry.Principal}): its content does not match its hash ({(keyed ? "edited, or keyed with another key" : "edited")})");
                }
            }

            if (key is not null && keyedSeen && !keyed)
            {
                Problem($"record {r.Seq.ToString(CultureInfo.InvariantCulture)} is not keyed though an earlier record is (the chain was re-hashed without the key)");
            }

            keyedSeen |= keyed;
            lastKeyed = keyed;

            previous = r.Hash;
            expected = r.Seq + 1;
        }

        var lastSeq = expected - 1;
        if (head.Seq != lastSeq || (lastSeq > 0 && !string.Equals(head.Hash, previous, StringComparison.Ordinal)))
        {
            Problem($"the chain head names record {head.Seq.ToString(CultureInfo.InvariantCulture)} but the trail ends at record {lastSeq.ToString(CultureInfo.InvariantCulture)} (records at the end were removed, or the head was edited)");
        }

        if (unverifiable > 0)
        {
            Problem($"{unverifiable.ToString(CultureInfo.InvariantCulture)} record(s) are keyed and cannot be checked without the key (Audit:KeyFile)");
        }
        else if (key is not null && count > 0 && !lastKeyed)
        {
            Problem("the newest record is not keyed though a key is given: the chain was re-hashed without the key, or was never written with it");
        }

        return new AuditVerification(count, head, problems);
    }
}

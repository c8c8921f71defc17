using System.Text.Json;

namespace Interdict.Core.Audit;

/// <summary>
/// The chain head written down outside the trail (<c>interdict audit anchor</c>): a later verification checks that the
/// trail still holds that record with that hash, which a trail cut short at the tail, or re-hashed whole, does not.
/// </summary>
/// <param name="Seq">The record's sequence number.</param>
/// <param name="Hash">Its hash.</param>
/// <param name="At">When it was written (UTC, as recorded).</param>
public sealed record AuditAnchor(long Seq, string Hash, string At)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The anchor as one line of JSON: <c>{"seq":…,"hash":"…","at":"…"}</c>.</summary>
    public static string Write(AuditAnchor anchor) => JsonSerializer.Serialize(anchor, Json);

    /// <summary>Reads an anchor; a malformed one is an error naming <paramref name="source"/>.</summary>
    public static AuditAnchor Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditAnchor>(json, Json) is { Hash.Length: > 0 } anchor
                ? anchor
                : throw new InterdictException($"{source}: not an audit anchor (expected {{\"seq\":…,\"hash\":\"…\",\"at\":\"…\"}})");
        }
        catch (JsonException ex)
        {
            throw new InterdictException($"{source}: not an audit anchor: {ex.Message}", ex);
        }
    }
}

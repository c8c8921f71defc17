using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interdict.Core.Matching;
using Interdict.Core.Model;

namespace Interdict.Core.Store;

/// <summary>
/// The published content of an entity as a JSON object, without the source records (whose line numbers move whenever
/// another row is added above them), and its SHA-256: two versions of an entity differ exactly when their fingerprints do.
/// </summary>
public static class EntityFingerprint
{
    /// <summary>The entity's content as JSON (snake_case, as in every Interdict output), source records left out.</summary>
    public static JsonObject Content(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var node = JsonSerializer.SerializeToNode(entity with { SourceRecords = [] }, ScreeningJson.Compact)!.AsObject();
        node.Remove("source_records");
        return node;
    }

    /// <summary>The lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public static string Hash(Entity entity) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(Content(entity), ScreeningJson.Compact)));
}

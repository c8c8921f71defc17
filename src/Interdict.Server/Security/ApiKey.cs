using System.Security.Cryptography;
using System.Text;
using Interdict.Server.Hosting;

namespace Interdict.Server.Security;

/// <summary>What a key may do.</summary>
internal static class Scopes
{
    /// <summary>Screen, search, read entities and lists.</summary>
    public const string Screen = "screen";

    /// <summary>Read and verify the audit trail, reload lists.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Record analysts' decisions on alerts. Never implied by <see cref="Screen"/>: a screened client (or a system that
    /// only screens) must not be able to clear its own alerts.
    /// </summary>
    public const string Review = "review";

    public static readonly string[] All = [Screen, Admin, Review];
}

/// <summary>
/// A configured API key: a name (recorded in the audit trail as who asked), the SHA-256 of the secret (the secret itself is
/// never stored), and its scopes.
/// </summary>
internal sealed record ApiKey(string Name, string Hash, IReadOnlySet<string> Scopes, string Role = ApiKey.Analyst)
{
    /// <summary>The default role: proposes decisions on monitoring alerts.</summary>
    public const string Analyst = "analyst";

    /// <summary>The role that approves (or rejects) another person's proposed decision: the second pair of eyes.</summary>
    public const string Supervisor = "supervisor";

    private const string HashPrefix = "sha256:";

    /// <summary>A new random secret: <c>idk_</c> and 43 base64url characters (256 bits).</summary>
    public static string NewSecret() => "idk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a secret.</summary>
    public static string HashOf(string secret) => HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Reads <c>Auth:Keys</c>: an array of <c>{ "Name": …, "Hash": "sha256:…", "Scopes": ["screen", "admin"] }</c>.</summary>
    public static List<ApiKey> ReadAll(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var keys = new List<ApiKey>();
        foreach (var child in section.GetChildren())
        {
            var path = $"{section.Path}:{child.Key}";
            var name = child["Name"];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw ServerSettings.Invalid(path + ":Name", "", "the key's name (who is recorded as asking)");
            }

            var hash = child["Hash"] ?? "";
            if (!hash.StartsWith(HashPrefix, StringComparison.Ordinal) || hash.Length != HashPrefix.Length + 64 || !hash[HashPrefix.Length..].All(char.IsAsciiHexDigitLower))
            {
                throw ServerSettings.Invalid(path + ":Hash", hash, "sha256: and 64 lower-case hex digits, as printed by 'interdict keys new'");
            }

            var scopes = child.GetSection("Scopes").GetChildren().Select(s => s.Value ?? "").ToHashSet(StringComparer.Ordinal);
            if (scopes.Count == 0 || scopes.Any(s => !Security.Scopes.All.Contains(s)))
            {
                throw ServerSettings.Invalid(path + ":Scopes", string.Join(",", scopes), $"one or more of {string.Join(", ", Security.Scopes.All)}");
            }

            if (keys.Any(k => k.Name == name || k.Hash == hash))
            {
                throw ServerSettings.Invalid(path, name, "a name and hash used by no other key");
            }

            var role = child["Role"] is { Length: > 0 } r ? r : Analyst;
            if (role is not (Analyst or Supervisor))
            {
                throw ServerSettings.Invalid(path + ":Role", role, $"{Analyst} or {Supervisor}");
            }

            keys.Add(new ApiKey(name, hash, scopes, role));
        }

        return keys;
    }
}

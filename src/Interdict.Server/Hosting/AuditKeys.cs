using System.Globalization;
using System.Security.Cryptography;
using Interdict.Core.Audit;

namespace Interdict.Server.Hosting;

/// <summary>The audit trail's HMAC key file, and the checks the server makes of the trail when it starts.</summary>
internal static class AuditKeys
{
    /// <summary>The fewest bytes a key may have.</summary>
    public const int MinimumBytes = 32;

    /// <summary>Reads a key file; a missing, unreadable or short one is an error naming the setting.</summary>
    public static byte[] Read(string path, string setting)
    {
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ServerSettings.Invalid(setting, path, $"a readable key file ({ex.Message}); make one with 'interdict audit key-new FILE'");
        }

        return key.Length >= MinimumBytes
            ? key
            : throw ServerSettings.Invalid(setting, path, $"a key file of at least {MinimumBytes} bytes (it has {key.Length}); make one with 'interdict audit key-new FILE'");
    }

    /// <summary>Writes a new random key (64 bytes) to a new file readable by its owner only.</summary>
    public static string Create(string path)
    {
        var key = RandomNumberGenerator.GetBytes(64);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(key);
        }

        return AuditChain.KeyId(key);
    }

    /// <summary>
    /// Checks the trail before the server takes requests: a broken chain stops the start (unless
    /// <see cref="ServerSettings.StartOnBrokenTrail"/>, then it is returned and reported unhealthy); a keyed trail needs its
    /// key; a key configured on a trail whose newest record is not keyed is recorded at once in a keyed record, so that
    /// from then on the newest record is always keyed. Returns the problems, empty when the trail is intact.
    /// </summary>
    public static IReadOnlyList<string> CheckAtStart(IAuditLog log, ServerSettings settings, TimeProvider time)
    {
        var head = log.Head();
        var keyedHead = AuditChain.IsKeyed(head.Hash);
        var result = AuditChain.Verify(log.Read(), head, key: keyedHead ? settings.AuditKey : null);
        var problems = result.Problems;
        if (problems.Count == 0 && settings.AuditKey is { } key && !keyedHead)
        {
            log.Append([new AuditEntry
            {
                At = time.GetUtcNow(),
                Principal = "interdict",
                Action = "audit-key",
                Request = string.Create(CultureInfo.InvariantCulture, $"{{\"key_id\":\"{AuditChain.KeyId(key)}\",\"keyed_from\":{head.Seq + 1}}}"),
                Lists = "",
                Algorithm = "",
                Result = "",
            }]);
        }

        if (problems.Count > 0 && !settings.StartOnBrokenTrail)
        {
            throw new Core.InterdictException(
                $"the audit trail at {log.Location} fails verification: {string.Join("; ", problems.Take(3))}{(problems.Count > 3 ? $" (and {problems.Count - 3} more)" : "")}. " +
                "Run 'interdict audit verify' for the details; to start anyway and report unhealthy, set Audit:StartOnBrokenTrail=true");
        }

        return problems;
    }
}

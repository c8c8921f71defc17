using System.Globalization;
using System.Net;
using Interdict.Core.Matching;
using Interdict.Lists;
using Interdict.Server.Security;

namespace Interdict.Server.Hosting;

/// <summary>Request limits (the <c>Limits</c> section).</summary>
internal sealed record LimitSettings
{
    public int MaxBodyBytes { get; init; } = 1 << 20;

    public int MaxParties { get; init; } = 1000;

    public int MaxNameLength { get; init; } = 500;

    public int MaxHits { get; init; } = 100;

    /// <summary>Words in one name (the longest listed names have about 25).</summary>
    public int MaxNameWords { get; init; } = 40;

    /// <summary>
    /// A request asking for more work than this (in Latin-word units, see <see cref="HeavyLane.WorkOf"/>) is heavy: it
    /// runs in the heavy lane, one at a time.
    /// </summary>
    public int LightWork { get; init; } = 1000;

    /// <summary>The most work one request may ask for; more is refused (413) and should be split.</summary>
    public int MaxRequestWork { get; init; } = 100_000;

    /// <summary>Heavy requests that may wait for the heavy lane; more get 503 with Retry-After.</summary>
    public int MaxQueuedHeavy { get; init; } = 32;

    /// <summary>The bounds of one query, for <see cref="QueryPolicy"/>.</summary>
    public QueryLimits Query => new() { MaxNameLength = MaxNameLength, MaxNameWords = MaxNameWords, MaxHits = MaxHits };
}

/// <summary>
/// Every server setting, read once from configuration (<c>appsettings.json</c>, the user's settings file,
/// <c>INTERDICT__Section__Key</c> environment variables, command-line <c>--Section:Key=value</c>). A bad value stops the
/// server at start with a message naming the key; nothing falls back silently.
/// </summary>
internal sealed record ServerSettings
{
    public required double Threshold { get; init; }

    public required int Limit { get; init; }

    /// <summary>
    /// The matcher version to screen with (<c>Screening:Algorithm</c>; default the current one). A compliance team can
    /// keep the version it validated while a newer one is assessed, and reproduce an earlier decision.
    /// </summary>
    public MatcherVersion Algorithm { get; init; } = MatcherVersion.Current;

    /// <summary>Threads screening single names and small batches, first come first served (default: one per core).</summary>
    public int ScreeningThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The lists to load (<c>Screening:Lists</c>; default: every official list and every FtM dataset in the store).</summary>
    public required IReadOnlyList<string> Lists { get; init; }

    /// <summary>True when <c>Screening:Lists</c> names the lists; else every source of the store is loaded, FtM datasets included.</summary>
    public bool ListsConfigured { get; init; }


    /// <summary>
    /// The audit trail's HMAC key, read from the file <c>Audit:KeyFile</c> (at least 32 bytes; <c>interdict audit
    /// key-new FILE</c> makes one): records are then hashed with it, so a chain re-hashed without it fails verification.
    /// </summary>
    public byte[]? AuditKey { get; init; }

    /// <summary>
    /// <c>Audit:StartOnBrokenTrail</c>: start although the audit trail fails verification, reporting unhealthy (default:
    /// refuse to start).
    /// </summary>
    public bool StartOnBrokenTrail { get; init; }

    public required LimitSettings Limits { get; init; }

    public required IReadOnlyList<ApiKey> Keys { get; init; }

    /// <summary>How often the list store is checked for newly imported versions (0 = never).</summary>
    public required TimeSpan RefreshInterval { get; init; }

    /// <summary>A list older than this is reported as stale on /health.</summary>
    public required int MaxListAgeDays { get; init; }

    public static ServerSettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lists = (config["Screening:Lists"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var id in lists)
        {
            if (!ListSources.IsKnown(id))
            {
                throw Invalid("Screening:Lists", id, $"a comma-separated list of {string.Join(", ", ListSources.Ids)} or ftm:NAME (an imported FollowTheMoney dataset)");
            }
        }

        return new ServerSettings
        {
            Threshold = Number(config, "Screening:Threshold", ScreeningOptions.DefaultThreshold, v => v is >= 0 and <= 1, "a number from 0 to 1"),
            Limit = (int)Number(config, "Screening:Limit", ScreeningOptions.DefaultLimit, v => v is >= 1 and <= 1000 && v == Math.Floor(v), "a whole number from 1 to 1000"),
            Algorithm = config["Screening:Algorithm"] is not { Length: > 0 } algorithm ? MatcherVersion.Current
                : MatcherVersions.TryParse(algorithm, out var version) ? version
                : throw Invalid("Screening:Algorithm", algorithm, $"a matcher version: {MatcherVersions.Names} or current"),
            ScreeningThreads = (int)Number(config, "Screening:Threads", Environment.ProcessorCount, v => v is >= 1 and <= 256 && v == Math.Floor(v), "a whole number from 1 to 256"),
            Lists = lists.Length > 0 ? lists : ListSources.Ids,
            ListsConfigured = lists.Length > 0,
            AuditKey = config["Audit:KeyFile"] is { Length: > 0 } keyFile ? AuditKeys.Read(keyFile, "Audit:KeyFile") : null,
            StartOnBrokenTrail = config["Audit:StartOnBrokenTrail"] is not { Length: > 0 } broken ? false
                : bool.TryParse(broken, out var b) ? b : throw Invalid("Audit:StartOnBrokenTrail", broken, "true or false"),
            Limits = new LimitSettings
            {
                MaxBodyBytes = (int)Number(config, "Limits:MaxBodyBytes", 1 << 20, v => v is >= 1024 and <= 1 << 28 && v == Math.Floor(v), "a whole number of bytes from 1024 to 268435456"),
                MaxParties = (int)Number(config, "Limits:MaxParties", 1000, v => v is >= 1 and <= 100_000 && v == Math.Floor(v), "a whole number from 1 to 100000"),
                MaxNameLength = (int)Number(config, "Limits:MaxNameLength", 500, v => v is >= 10 and <= 10_000 && v == Math.Floor(v), "a whole number from 10 to 10000"),
                MaxHits = (int)Number(config, "Limits:MaxHits", 100, v => v is >= 1 and <= 1000 && v == Math.Floor(v), "a whole number from 1 to 1000"),
                MaxNameWords = (int)Number(config, "Limits:MaxNameWords", 40, v => v is >= 5 and <= 1000 && v == Math.Floor(v), "a whole number from 5 to 1000"),
                LightWork = (int)Number(config, "Limits:LightWork", 1000, v => v is >= 1 and <= 1_000_000 && v == Math.Floor(v), "a whole number from 1 to 1000000"),
                MaxRequestWork = (int)Number(config, "Limits:MaxRequestWork", 100_000, v => v is >= 100 and <= 100_000_000 && v == Math.Floor(v), "a whole number from 100 to 100000000"),
                MaxQueuedHeavy = (int)Number(config, "Limits:MaxQueuedHeavy", 32, v => v is >= 0 and <= 1000 && v == Math.Floor(v), "a whole number from 0 to 1000"),
            },
            Keys = ApiKey.ReadAll(config.GetSection("Auth:Keys")),
            RefreshInterval = TimeSpan.FromSeconds(Number(config, "Lists:RefreshSeconds", 300, v => v is >= 0 and <= 86_400, "a number of seconds from 0 (never) to 86400")),
            MaxListAgeDays = (int)Number(config, "Lists:MaxAgeDays", 30, v => v is >= 1 and <= 36_500 && v == Math.Floor(v), "a whole number of days"),
        };
    }

    /// <summary>
    /// Where the server will listen, as configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>,
    /// Kestrel endpoints); the default (nothing configured) is loopback.
    /// </summary>
    public static IReadOnlyList<string> ConfiguredAddresses(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var addresses = new List<string>();
        addresses.AddRange((config["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            // Bare ports bind every interface.
            addresses.AddRange((config[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        }

        addresses.AddRange(config.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return addresses;
    }

    /// <summary>True when an address (e.g. <c>http://127.0.0.1:5000</c>, <c>http://localhost:8080</c>) accepts only local connections.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hostStart = address.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0;
        var rest = address[hostStart..];
        string host;
        if (rest.StartsWith('['))
        {
            host = rest[1..rest.IndexOf(']', StringComparison.Ordinal)];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static double Number(IConfiguration config, string key, double fallback, Func<double, bool> valid, string expected)
    {
        var text = config[key];
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && valid(value) ? value : throw Invalid(key, text, expected);
    }

    internal static InvalidOperationException Invalid(string key, string value, string expected) =>
        new($"setting {key} (or INTERDICT__{key.Replace(":", "__", StringComparison.Ordinal)}) is '{value}'; expected {expected}");
}

using System.Globalization;
using Interdict.Core.Matching;
using Microsoft.Extensions.Configuration;

namespace Interdict.Cli;

/// <summary>The <c>Screening</c> settings section.</summary>
internal sealed class ScreeningSettings
{
    public double Threshold { get; set; } = ScreeningOptions.DefaultThreshold;

    public int Limit { get; set; } = ScreeningOptions.DefaultLimit;
}

/// <summary>The <c>Updates</c> settings section.</summary>
internal sealed class UpdateSettings
{
    /// <summary>A mirror to download every source's files from (each by the last segment of its official URL); null = the publishers.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The largest share of entities an update may drop without --force.</summary>
    public double MaxDrop { get; init; } = 0.10;
}

/// <summary>
/// Settings, read in this order (later wins): <c>appsettings.json</c> beside the tool, the user's
/// <c>appsettings.json</c> in the settings directory, and <c>INTERDICT__Section__Key</c> environment variables.
/// A bad value stops the command with an error naming the key; nothing falls back silently.
/// </summary>
internal sealed class Settings
{
    public required ScreeningSettings Screening { get; init; }

    /// <summary>Where the stores are (<c>Storage:Postgres</c>, <c>Store:Path</c>, <c>Audit:Path</c>, <c>Alerts:Path</c>), read and checked as the server reads them.</summary>
    public required Hosting.StorageOptions Storage { get; init; }

    /// <summary>The audit trail's key file (<c>Audit:KeyFile</c>), as the server reads it.</summary>
    public string? AuditKeyFile { get; init; }

    /// <summary>The <c>Payments:Jurisdictions</c> setting: comma-separated sanctioned jurisdictions and regions, or null for the default set.</summary>
    public string? PaymentJurisdictions { get; init; }

    /// <summary>Monitoring:Webhooks: where <c>monitor run</c> posts new and reopened alerts, as the server does.</summary>
    public IReadOnlyList<Monitoring.WebhookTarget> Webhooks { get; init; } = [];

    /// <summary>Payments:Broker: the RabbitMQ broker of <c>payment-filter</c> (an amqp:// URI), when set.</summary>
    public string? PaymentBroker { get; init; }

    /// <summary>The <c>Updates</c> section: where <c>lists update</c> downloads from, and how much shrinkage it accepts.</summary>
    public required UpdateSettings Updates { get; init; }

    public static Settings Load()
    {
        IConfiguration config;
        try
        {
            config = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddJsonFile(Hosting.InterdictFolders.SettingsFile, optional: true)
                .AddEnvironmentVariables("INTERDICT__")
                .Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new UsageException($"settings could not be read: {ex.Message}");
        }

        var section = config.GetSection("Screening");
        var screening = new ScreeningSettings
        {
            Threshold = Read(section, "Threshold", ScreeningOptions.DefaultThreshold, v => v is >= 0 and <= 1, "a number from 0 to 1"),
            Limit = (int)Read(section, "Limit", ScreeningOptions.DefaultLimit, v => v is >= 1 and <= 1000 && v == Math.Floor(v), "a whole number from 1 to 1000"),
        };
        var updates = config.GetSection("Updates");
        var baseUrl = updates["BaseUrl"];
        if (baseUrl is not null && (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out _) || !baseUrl.StartsWith("http", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException($"setting Updates:BaseUrl (or INTERDICT__Updates__BaseUrl) is '{baseUrl}'; expected an http(s) URL");
        }

        return new Settings
        {
            Screening = screening,
            Storage = ReadStorage(config),
            AuditKeyFile = config["Audit:KeyFile"] is { Length: > 0 } keyFile ? keyFile : null,
            PaymentJurisdictions = config["Payments:Jurisdictions"] is { Length: > 0 } places ? places : null,
            PaymentBroker = config["Payments:Broker"] is { Length: > 0 } broker ? broker : null,
            Webhooks = ReadWebhooks(config),
            Updates = new UpdateSettings
            {
                BaseUrl = baseUrl is null ? null : new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
                MaxDrop = Read(updates, "MaxDrop", 0.10, v => v is >= 0 and <= 1, "a share from 0 to 1 (0.1 = 10%)"),
            },
        };
    }

    // The server's reading of Monitoring:Webhooks (URL and a secret of 16 characters or more each).
    private static IReadOnlyList<Monitoring.WebhookTarget> ReadWebhooks(IConfiguration config)
    {
        try
        {
            return Interdict.Server.Hosting.MonitorSettings.From(config).Webhooks;
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static Hosting.StorageOptions ReadStorage(IConfiguration config)
    {
        try
        {
            return Hosting.StorageOptions.From(config);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            throw new UsageException(string.Join("; ", ex.Failures));
        }
    }

    private static double Read(IConfigurationSection section, string key, double fallback, Func<double, bool> valid, string expected)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !valid(value))
        {
            throw new UsageException($"setting {section.Path}:{key} (or INTERDICT__{section.Path}__{key}) is '{text}'; expected {expected}");
        }

        return value;
    }
}

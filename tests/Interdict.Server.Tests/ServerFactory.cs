using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Interdict.Server.Tests;

/// <summary>Keeps every test's data and settings in temporary folders (never the user's).</summary>
internal static class TestEnvironment
{
    public static string DataDirectory { get; private set; } = "";

#pragma warning disable CA2255 // A test assembly sets up its process environment once, before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Initialize()
    {
        DataDirectory = TestKit.TemporaryHome.Use("interdict-server-home-");
    }
}

/// <summary>
/// The real server in memory, on the bundled OFAC SDN and UN lists (the bundled snapshot: no store), with its own SQLite
/// audit trail and list store in a temporary folder. Extra settings (API keys, limits) come through <see cref="Settings"/>.
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    /// <summary>A secret with the screen scope, when <see cref="WithKeys"/> is set.</summary>
    public const string ScreenKey = "idk_test-screen-key-0000000000000000000000000";

    /// <summary>A secret with both scopes, when <see cref="WithKeys"/> is set.</summary>
    public const string AdminKey = "idk_test-admin-key-00000000000000000000000000";

    /// <summary>A secret with the screen and review scopes (an analyst), when <see cref="WithKeys"/> is set.</summary>
    public const string ReviewKey = "idk_test-review-key-0000000000000000000000000";

    public ServerFactory()
    {
        _folder = Directory.CreateTempSubdirectory("interdict-server-").FullName;
    }

    private string _folder;

    /// <summary>The folder of the server's stores and audit trail.</summary>
    public string Folder => _folder;

    /// <summary>Start on the stores of another (stopped) server's folder.</summary>
    public string FolderOverride { init => _folder = value; }

    public string AuditPath => Path.Combine(Folder, "audit.db");

    public string StorePath => Path.Combine(Folder, "lists.db");

    /// <summary>Configure two API keys (screen-only "bank-batch", and "compliance-admin" with both scopes).</summary>
    public virtual bool WithKeys => false;

    public virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Screening:Lists", "ofac-sdn,un");
        builder.UseSetting("Audit:Path", AuditPath);
        builder.UseSetting("Store:Path", StorePath);
        builder.UseSetting("Alerts:Path", Path.Combine(Folder, "alerts.db"));
        builder.UseSetting("Lists:RefreshSeconds", "0");
        if (WithKeys)
        {
            builder.UseSetting("Auth:Keys:0:Name", "bank-batch");
            builder.UseSetting("Auth:Keys:0:Hash", Security.ApiKey.HashOf(ScreenKey));
            builder.UseSetting("Auth:Keys:0:Scopes:0", "screen");
            builder.UseSetting("Auth:Keys:1:Name", "compliance-admin");
            builder.UseSetting("Auth:Keys:1:Hash", Security.ApiKey.HashOf(AdminKey));
            builder.UseSetting("Auth:Keys:1:Scopes:0", "screen");
            builder.UseSetting("Auth:Keys:1:Scopes:1", "admin");
            builder.UseSetting("Auth:Keys:2:Name", "analyst");
            builder.UseSetting("Auth:Keys:2:Hash", Security.ApiKey.HashOf(ReviewKey));
            builder.UseSetting("Auth:Keys:2:Scopes:0", "screen");
            builder.UseSetting("Auth:Keys:2:Scopes:1", "review");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The server with API keys configured.</summary>
public sealed class KeyedServerFactory : ServerFactory
{
    public override bool WithKeys => true;
}

/// <summary>The server with small limits (to test rejections), one screening thread and an earlier matcher version.</summary>
public sealed class LimitedServerFactory : ServerFactory
{
    public override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Limits:MaxParties"] = "3",
        ["Screening:Threads"] = "1",
        ["Screening:Algorithm"] = "1.2.0",
        ["Limits:MaxBodyBytes"] = "2048",
        ["Limits:MaxNameLength"] = "40",
        ["Limits:MaxNameWords"] = "10",
        ["Limits:MaxRequestWork"] = "100",
    };
}

internal static class HttpExtensions
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> Screen(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/v1/screen", body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> Get(this HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
}

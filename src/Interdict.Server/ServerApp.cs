using Interdict.Core.Alerts;
using Interdict.Core.Audit;
using Interdict.Hosting;
using Interdict.Server.Endpoints;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Interdict.Server;

/// <summary>Builds the screening service: settings, lists, audit trail, security, endpoints. Used by <c>Program</c> and <c>interdict serve</c>.</summary>
public static class ServerApp
{
    /// <summary>Builds the application; throws <see cref="InvalidOperationException"/> with a clear message on a bad setting or an unsafe binding.</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Same settings as the CLI: the user's settings file and INTERDICT__Section__Key variables; the command line still wins.
        builder.Configuration
            .AddJsonFile(InterdictFolders.SettingsFile, optional: true)
            .AddEnvironmentVariables("INTERDICT__")
            .AddCommandLine(args);

        // Request-by-request framework logs drown the start-up and error messages operators need.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Everything reads configuration when first resolved, after the host is built, so test hosts can override it.
        builder.Services.AddSingleton(sp => ServerSettings.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(TimeProvider.System);
        // Where the stores are, decided once (SQLite files or PostgreSQL), validated at start; one factory opens them.
        builder.Services.AddOptions<StorageOptions>().Configure<IConfiguration>(StorageOptions.Read).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptions.Validator>();
        builder.Services.AddSingleton(sp => new StoreFactory(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<EngineHost>();
        builder.Services.AddSingleton(sp => new ScreeningWorkers(sp.GetRequiredService<ServerSettings>().ScreeningThreads));
        builder.Services.AddSingleton(sp => new HeavyLane(sp.GetRequiredService<ServerSettings>().ScreeningThreads, sp.GetRequiredService<ServerSettings>().Limits.MaxQueuedHeavy));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<StoreFactory>().OpenAuditLog(sp.GetRequiredService<ServerSettings>().AuditKey));
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<StoreFactory>().OpenAlertStore());
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        builder.Services.AddHostedService<ListRefresher>();
        builder.Services.AddSingleton(sp => MonitorSettings.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => new MonitorHost(sp.GetRequiredService<EngineHost>(), sp.GetRequiredService<ServerSettings>(), sp.GetRequiredService<MonitorSettings>(),
            sp.GetRequiredService<StoreFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MonitorHost>>()));
        builder.Services.AddHostedService<MonitorService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Interdict screening API";
            doc.Info.Description = "Screen names of people, organisations, vessels and aircraft against sanctions lists. Every screening is recorded in a hash-chained audit trail before it is answered. A hit is a lead for human review, not a verdict.";
            doc.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter(ServerMetrics.MeterName)
            .AddPrometheusExporter());
        // The screening endpoint enforces Limits:MaxBodyBytes itself (with a problem response); Kestrel's cap is a backstop.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<ServerSettings>((kestrel, settings) =>
        {
            kestrel.Limits.MaxRequestBodySize = 2L * settings.Limits.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });

        var app = builder.Build();
        var settings = app.Services.GetRequiredService<ServerSettings>();
        app.Services.GetRequiredService<MonitorSettings>(); // a bad Monitoring setting stops the start
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Interdict.Server");
        CheckBinding(settings, ServerSettings.ConfiguredAddresses(app.Configuration), log);

        // Built now, not on the first request: a bad list, alert or audit store stops the start with its message.
        var host = app.Services.GetRequiredService<EngineHost>();
        var auditLog = app.Services.GetRequiredService<IAuditLog>();
        var auditLocation = auditLog.Location;
        // The trail is verified before any request is taken: a broken one stops the start (or, if so set, is reported).
        app.Services.GetRequiredService<AuditWriter>().StartProblems = AuditKeys.CheckAtStart(auditLog, settings, app.Services.GetRequiredService<TimeProvider>());
        var alertLocation = app.Services.GetRequiredService<IAlertStore>().Location;
        StartLog.Stores(log, host.StoreLocation, alertLocation, auditLocation);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The analyst page: static files embedded in the assembly, so 'interdict serve' works from any directory.
        var page = new Microsoft.Extensions.FileProviders.EmbeddedFileProvider(typeof(ServerApp).Assembly, "Interdict.Server.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPrometheusScrapingEndpoint("/metrics");
        ScreeningEndpoints.Map(app);
        ListEndpoints.Map(app);
        AuditEndpoints.Map(app);
        AlertEndpoints.Map(app);
        HealthEndpoints.Map(app);
        YenteEndpoints.Map(app);
        MonitorEndpoints.Map(app);
        PaymentEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// Runs the service until it is stopped. A start that cannot go ahead (a bad setting, a refused binding, an address in
    /// use or that cannot be bound, an audit trail that fails verification) is not a crash: it returns the message, for
    /// the caller to print, and null when the service ran and stopped.
    /// </summary>
    public static string? RunOrExplain(string[] args)
    {
        try
        {
            Create(args).Run();
            return null;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("refusing to start", StringComparison.Ordinal) || ex.Message.StartsWith("setting ", StringComparison.Ordinal))
        {
            return ex.Message;
        }
        catch (Core.InterdictException ex)
        {
            return ex.Message;
        }
        catch (OptionsValidationException ex)
        {
            return string.Join("; ", ex.Failures);
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            return $"cannot listen: {ex.Message} (is another server on that port? choose another with --urls http://127.0.0.1:PORT)";
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return $"cannot listen on the configured address: {ex.Message} (an IPv4 address is written http://127.0.0.1:PORT, not as an IPv6-mapped [::ffff:…] address)";
        }
    }

    /// <summary>An open server (no keys) may only listen on loopback; anything else stops the start.</summary>
    internal static void CheckBinding(ServerSettings settings, IReadOnlyList<string> addresses, ILogger log)
    {
        if (settings.Keys.Count > 0)
        {
            StartLog.KeysConfigured(log, settings.Keys.Count);
            return;
        }

        var exposed = addresses.Where(a => !ServerSettings.IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"refusing to start: no API keys are configured (Auth:Keys) and the server would listen on {string.Join(", ", exposed)}, which is not loopback. " +
                "Create a key with 'interdict keys new --name NAME --scope screen' and add it to the settings, or listen on 127.0.0.1 / localhost only.");
        }

        log.LogWarning("No API keys are configured: the server is OPEN to anyone on this machine and answers on loopback addresses only");
    }
}

/// <summary>Start-up log messages.</summary>
internal static partial class StartLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "List store: {Lists}; alerts: {Alerts}; audit trail: {Audit}")]
    public static partial void Stores(ILogger log, string lists, string alerts, string audit);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} API key(s) configured; every /v1 request needs one")]
    public static partial void KeysConfigured(ILogger log, int count);
}

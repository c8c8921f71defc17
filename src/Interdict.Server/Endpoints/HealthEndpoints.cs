using Interdict.Server.Hosting;

namespace Interdict.Server.Endpoints;

/// <summary>The answer of <c>GET /health</c>.</summary>
/// <param name="Status"><c>healthy</c>; <c>degraded</c> when a list is older than Lists:MaxAgeDays or the last refresh failed; <c>unhealthy</c> when the audit trail or list store cannot be reached.</param>
/// <param name="Lists">The lists in use, with their ages.</param>
/// <param name="StaleLists">Lists older than Lists:MaxAgeDays.</param>
/// <param name="Store">The list store.</param>
/// <param name="Audit">The audit trail.</param>
/// <param name="LastRefresh">The last check for new list versions, if any ran.</param>
public sealed record HealthResponse(string Status, IReadOnlyList<LoadedListInfo> Lists, IReadOnlyList<string> StaleLists, ComponentHealth Store, ComponentHealth Audit, RefreshInfo? LastRefresh);

/// <summary>Whether a component answers (where it is and what it said are in the server's log, not in this open answer).</summary>
/// <param name="Reachable">True when it answered.</param>
/// <param name="Detail">What is wrong, in general terms, when something is.</param>
public sealed record ComponentHealth(bool Reachable, string? Detail);

/// <summary>The last list refresh.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Changed">True when new versions were loaded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RefreshInfo(DateTimeOffset At, bool Changed, string? Error);

/// <summary>
/// <c>GET /health</c>: open (no key), for load balancers and monitoring. It names no file, database or chain head (issue
/// #19): an unauthenticated caller learns whether the service works, not where its data lives.
/// </summary>
internal static partial class HealthEndpoints
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: the {Component} at {Location} cannot be reached")]
    private static partial void Unreachable(ILogger logger, Exception exception, string component, string location);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", (EngineHost host, AuditWriter audit, ServerSettings settings, TimeProvider time, ILoggerFactory loggers) =>
            {
                var logger = loggers.CreateLogger("Interdict.Server.Health");
                var lists = ListEndpoints.Loaded(host, time);
                var stale = lists.Lists.Where(l => l.AgeDays is null || l.AgeDays > settings.MaxListAgeDays).Select(l => l.Id).ToList();
                ComponentHealth auditHealth, storeHealth;
                try
                {
                    audit.Head();
                    auditHealth = audit.StartProblems.Count > 0
                        ? new ComponentHealth(true, "the audit trail failed verification at start ('interdict audit verify' tells where)")
                        : new ComponentHealth(true, null);
                }
#pragma warning disable CA1031 // Health reports any failure of its components instead of failing itself.
                catch (Exception ex)
                {
                    Unreachable(logger, ex, "audit trail", audit.Location);
                    auditHealth = new ComponentHealth(false, "the audit trail cannot be reached (see the server log)");
                }

                try
                {
                    using var store = host.OpenStore();
                    storeHealth = new ComponentHealth(true, store is null ? "no versions imported; the bundled lists are in use" : null);
                }
                catch (Exception ex)
                {
                    Unreachable(logger, ex, "list store", host.StoreLocation);
                    storeHealth = new ComponentHealth(false, "the list store cannot be reached (see the server log)");
                }
#pragma warning restore CA1031

                var refresh = host.LastRefresh is { } r ? new RefreshInfo(r.At, r.Changed, r.Error) : null;
                var status = !auditHealth.Reachable || !storeHealth.Reachable || audit.StartProblems.Count > 0 ? "unhealthy" : stale.Count > 0 || refresh?.Error is not null ? "degraded" : "healthy";
                return TypedResults.Json(new HealthResponse(status, lists.Lists, stale, storeHealth, auditHealth, refresh),
                    statusCode: status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
            })
            .AddEndpointFilter(new KnownQueryFilter())
            .WithName("Health").WithSummary("Lists loaded and their age, list store and audit trail reachable")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
}

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

/// <summary>Whether a component answers.</summary>
/// <param name="Location">Where it is.</param>
/// <param name="Reachable">True when it answered.</param>
/// <param name="Detail">What it said: the chain head, or the error.</param>
public sealed record ComponentHealth(string Location, bool Reachable, string? Detail);

/// <summary>The last list refresh.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Changed">True when new versions were loaded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RefreshInfo(DateTimeOffset At, bool Changed, string? Error);

/// <summary><c>GET /health</c>: open (no key), for load balancers and monitoring.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", (EngineHost host, AuditWriter audit, ServerSettings settings, TimeProvider time) =>
            {
                var lists = ListEndpoints.Loaded(host, time);
                var stale = lists.Lists.Where(l => l.AgeDays is null || l.AgeDays > settings.MaxListAgeDays).Select(l => l.Id).ToList();
                ComponentHealth auditHealth, storeHealth;
                try
                {
                    var head = audit.Head();
                    auditHealth = new ComponentHealth(audit.Location, true, $"{head.Seq} records; head {head.Hash[..16]}…");
                }
#pragma warning disable CA1031 // Health reports any failure of its components instead of failing itself.
                catch (Exception ex)
                {
                    auditHealth = new ComponentHealth(audit.Location, false, ex.Message);
                }

                try
                {
                    using var store = host.OpenStore();
                    storeHealth = new ComponentHealth(host.StoreLocation, true, store is null ? "no versions imported; the bundled lists are in use" : $"{store.Versions().Count} versions stored");
                }
                catch (Exception ex)
                {
                    storeHealth = new ComponentHealth(host.StoreLocation, false, ex.Message);
                }
#pragma warning restore CA1031

                var refresh = host.LastRefresh is { } r ? new RefreshInfo(r.At, r.Changed, r.Error) : null;
                var status = !auditHealth.Reachable || !storeHealth.Reachable ? "unhealthy" : stale.Count > 0 || refresh?.Error is not null ? "degraded" : "healthy";
                return TypedResults.Json(new HealthResponse(status, lists.Lists, stale, storeHealth, auditHealth, refresh),
                    statusCode: status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
            })
            .AddEndpointFilter(new KnownQueryFilter())
            .WithName("Health").WithSummary("Lists loaded and their age, list store and audit trail reachable")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
}

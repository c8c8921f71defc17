using Interdict.Monitoring;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary>A party of <c>POST /v1/monitor/parties</c>: the screening input's fields.</summary>
public sealed record MonitorPartyInput(string? Id, string? Name, string? Type, string? Dob, string? Country, string? Identifier);

/// <summary>An ownership link of <c>POST /v1/monitor/parties</c>.</summary>
public sealed record MonitorLinkInput(string? OwnerId, string? OwnedId, string? Percent);

/// <summary>The body of <c>POST /v1/monitor/parties</c>.</summary>
public sealed record MonitorImportRequest(IReadOnlyList<MonitorPartyInput>? Parties, IReadOnlyList<MonitorLinkInput>? Ownership);

/// <summary>The answer of <c>POST /v1/monitor/parties</c>.</summary>
public sealed record MonitorImportResponse(int Added, int Changed, int Unchanged, int Links);

/// <summary>A page of the registry (<c>GET /v1/monitor/parties</c>).</summary>
/// <param name="Total">How many parties match the filter in all.</param>
/// <param name="Offset">The first party's position among them.</param>
/// <param name="Parties">This page's parties, in id order.</param>
public sealed record MonitorPartiesPage(long Total, int Offset, IReadOnlyList<Party> Parties);

/// <summary>One monitored party with its owners, what it owns, and its alerts (<c>GET /v1/monitor/parties/{id}</c>).</summary>
public sealed record MonitorPartyView(Party Party, IReadOnlyList<OwnershipLink> Owners, IReadOnlyList<OwnershipLink> Owned, IReadOnlyList<MonitorAlert> Alerts);

/// <summary>The body of <c>POST /v1/monitor/alerts/{id}/propose</c>.</summary>
public sealed record MonitorProposal(string? Decision, string? Reason);

/// <summary>The body of <c>POST /v1/monitor/alerts/{id}/approve</c>.</summary>
public sealed record MonitorApproval(bool? Approve, string? Reason);

/// <summary>The monitoring registry over HTTP: import and remove parties, run, read alerts (docs/monitoring.md).</summary>
internal static class MonitorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/monitor/parties", (MonitorImportRequest request, MonitorHost host) =>
            {
                using var registry = host.OpenRegistry();
                var problems = new List<string>();
                var seen = new Dictionary<string, string>(StringComparer.Ordinal);
                var parties = (request.Parties ?? []).Select((p, i) => RegistryRules.Party($"parties[{i}]", $"parties[{i}]", p?.Id, p?.Name, p?.Type, p?.Dob, p?.Country, p?.Identifier, seen, problems))
                    .OfType<Party>().ToList();
                var ids = parties.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                var links = request.Ownership is null ? null
                    : request.Ownership.Select((l, i) => RegistryRules.Link($"ownership[{i}]", l?.OwnerId, l?.OwnedId, l?.Percent, id => ids.Contains(id) || registry.Has(id), problems)).OfType<OwnershipLink>().ToList();
                RegistryRules.Totals("ownership", links ?? [], problems);
                if (problems.Count > 0 || parties.Count == 0)
                {
                    return (Results<Ok<MonitorImportResponse>, ProblemHttpResult>)Problems.BadRequest(problems.Count > 0
                        ? $"{problems.Count} problem(s); nothing was imported: {string.Join("; ", problems)}"
                        : "'parties' is required: an array of at least one {\"id\", \"name\"}", "parties");
                }

                var counts = registry.Import(parties, links);
                return TypedResults.Ok(new MonitorImportResponse(counts.Added, counts.Changed, counts.Unchanged, counts.Links));
            })
            .WithMetadata(new RequiresScope(Scopes.Admin)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorImport").WithSummary("Add or update monitored parties by id, and their owners (all or nothing)");

        app.MapGet("/v1/monitor/parties", (MonitorHost host, string? q, int? offset, int? limit) =>
            {
                if (offset is < 0 || limit is < 1 or > 1000)
                {
                    return (Results<Ok<MonitorPartiesPage>, ProblemHttpResult>)Problems.BadRequest("offset must be 0 or more and limit from 1 to 1000", offset is < 0 ? "offset" : "limit");
                }

                if (!host.HasRegistry)
                {
                    return TypedResults.Ok(new MonitorPartiesPage(0, 0, []));
                }

                using var registry = host.OpenRegistry();
                var (parties, total) = registry.PartiesPage(q, offset ?? 0, limit ?? 100);
                return TypedResults.Ok(new MonitorPartiesPage(total, offset ?? 0, parties));
            })
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter("q", "offset", "limit"))
            .WithName("MonitorParties").WithSummary("The monitoring registry, a page at a time, in id order (q: part of an id or a name)");

        app.MapGet("/v1/monitor/parties/{id}", (string id, MonitorHost host) =>
            {
                using var registry = host.HasRegistry ? host.OpenRegistry() : null;
                if (registry?.Party(id) is not { } party)
                {
                    return (Results<Ok<MonitorPartyView>, ProblemHttpResult>)Problems.Result(StatusCodes.Status404NotFound, "No such party", $"'{id}' is not in the registry", "id");
                }

                var links = registry.LinksOf(id);
                return TypedResults.Ok(new MonitorPartyView(party, [.. links.Where(l => l.OwnedId == id)], [.. links.Where(l => l.OwnerId == id)],
                    registry.Alerts(all: true, partyId: id)));
            })
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorParty").WithSummary("A monitored party: its facts, owners, holdings and alerts");

        app.MapDelete("/v1/monitor/parties/{id}", (string id, MonitorHost host) =>
            {
                if (!host.HasRegistry)
                {
                    return (Results<NoContent, ProblemHttpResult>)Problems.Result(StatusCodes.Status404NotFound, "No such party", $"'{id}' is not in the registry (there is none yet)", "id");
                }

                using var registry = host.OpenRegistry();
                return registry.Remove([id]).Count > 0
                    ? Problems.Result(StatusCodes.Status404NotFound, "No such party", $"'{id}' is not in the registry", "id")
                    : TypedResults.NoContent();
            })
            .WithMetadata(new RequiresScope(Scopes.Admin)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorRemove").WithSummary("Remove a monitored party (its links, and its open alerts closed)");

        app.MapPost("/v1/monitor/run", async (MonitorHost host, CancellationToken cancellationToken) =>
                await host.RunAsync(cancellationToken) is { } report
                    ? (Results<Ok<MonitorReport>, ProblemHttpResult>)TypedResults.Ok(report)
                    : Problems.Result(StatusCodes.Status404NotFound, "No registry", "there is no monitoring registry yet: import parties first (POST /v1/monitor/parties)"))
            .WithMetadata(new RequiresScope(Scopes.Admin)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorRun").WithSummary("Run monitoring now (the server also runs after list changes and on Monitoring:IntervalSeconds)");

        app.MapPost("/v1/monitor/alerts/{id:long}/propose", async (long id, MonitorProposal body, HttpContext http, MonitorHost host, EngineHost engines, AuditWriter audit, TimeProvider time, CancellationToken cancellationToken) =>
            {
                if (body.Decision is not { } decision || !MonitorDecisions.All.ContainsKey(decision))
                {
                    return Problems.BadRequest($"decision is required: one of {string.Join(", ", MonitorDecisions.All.Keys)}", "decision");
                }

                if (string.IsNullOrWhiteSpace(body.Reason))
                {
                    return Problems.BadRequest("reason is required: it is kept in the alert's history and the audit trail", "reason");
                }

                return await Step(http, host, engines, audit, time, "monitor-propose", id, new { decision, reason = body.Reason.Trim() },
                    (store, by, at) => { store.Propose(id, decision, body.Reason.Trim(), by, at); return $"{decision} proposed"; }, cancellationToken);
            })
            .WithMetadata(new RequiresScope(Scopes.Review)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorPropose").WithSummary("Propose a decision on a monitoring alert (four eyes: it takes effect when a supervisor approves it)");

        app.MapPost("/v1/monitor/alerts/{id:long}/approve", async (long id, MonitorApproval body, HttpContext http, MonitorHost host, EngineHost engines, AuditWriter audit, TimeProvider time, CancellationToken cancellationToken) =>
            {
                if (http.Items[ApiKeyMiddleware.RoleItem] as string != ApiKey.Supervisor)
                {
                    return Problems.Result(StatusCodes.Status403Forbidden, "Supervisor required", "approving a decision needs a key with the supervisor role (Auth:Keys:N:Role)");
                }

                var approve = body.Approve ?? true;
                var reason = string.IsNullOrWhiteSpace(body.Reason) ? (approve ? "approved" : "rejected") : body.Reason.Trim();
                return await Step(http, host, engines, audit, time, approve ? "monitor-approve" : "monitor-reject", id, new { approve, reason },
                    (store, by, at) => store.Approve(id, approve, reason, by, at) is { } done ? $"{done} in effect" : "rejected", cancellationToken);
            })
            .WithMetadata(new RequiresScope(Scopes.Review)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorApprove").WithSummary("Approve or reject the decision proposed on a monitoring alert (a supervisor, not the proposer)");

        app.MapGet("/v1/monitor/alerts/{id:long}/history", (long id, MonitorHost host) =>
            {
                if (!host.HasRegistry)
                {
                    return TypedResults.Ok((IReadOnlyList<AlertStep>)[]);
                }

                using var registry = host.OpenRegistry();
                return TypedResults.Ok(registry.HistoryOf(id));
            })
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("MonitorAlertHistory").WithSummary("A monitoring alert's decisions: proposed, approved, rejected, by whom and why");

        app.MapGet("/v1/monitor/alerts", (MonitorHost host, bool? all) =>
            {
                if (!host.HasRegistry)
                {
                    return TypedResults.Ok((IReadOnlyList<MonitorAlert>)[]);
                }

                using var registry = host.OpenRegistry();
                return TypedResults.Ok(registry.Alerts(all ?? false));
            })
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter("all"))
            .WithName("MonitorAlerts").WithSummary("Monitoring alerts (open ones unless all=true)");
    }

    // A four-eyes step: recorded in the audit trail first, then applied; refused with 409 when it cannot be taken.
    private static async Task<Results<Ok<IReadOnlyList<AlertStep>>, ProblemHttpResult>> Step(HttpContext http, MonitorHost host, EngineHost engines, AuditWriter audit, TimeProvider time,
        string action, long id, object request, Func<MonitorStore, string, DateTimeOffset, string> apply, CancellationToken cancellationToken)
    {
        if (!host.HasRegistry)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such alert", $"there is no alert {id} (no registry yet)");
        }

        using var registry = host.OpenRegistry();
        var at = time.GetUtcNow();
        var entry = ScreeningEndpoints.Entry(http, at, action, System.Text.Json.JsonSerializer.Serialize(new { alert = id, step = request }, Core.Matching.ScreeningJson.Compact), engines.Current.Engine, "");
        if (await ScreeningEndpoints.Record(audit, entry, cancellationToken) is { Problem: { } unavailable })
        {
            return unavailable;
        }

        try
        {
            apply(registry, entry.Principal, at);
        }
        catch (KeyNotFoundException ex)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such alert", ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Step refused", ex.Message);
        }

        return TypedResults.Ok(registry.HistoryOf(id));
    }
}

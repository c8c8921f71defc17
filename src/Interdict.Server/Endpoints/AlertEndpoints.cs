using System.Globalization;
using System.Text.Json;
using Interdict.Core.Alerts;
using Interdict.Core.Matching;
using Interdict.Core.Store;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary>The answer of <c>POST /v1/batches</c>: the screening results plus the alerts raised.</summary>
/// <param name="BatchId">The batch (send it back as <c>?batch=</c> to add further chunks).</param>
/// <param name="Results">One result per party, as <c>POST /v1/screen</c>.</param>
/// <param name="Alerts">One alert per hit: <c>open</c>, or <c>suppressed</c> by an earlier false-positive decision.</param>
/// <param name="Lists">The list versions screened against.</param>
/// <param name="Algorithm">The matching algorithm and version.</param>
/// <param name="AuditSeq">The audit record.</param>
public sealed record BatchResponse(string BatchId, IReadOnlyList<PartyResult> Results, IReadOnlyList<Alert> Alerts, IReadOnlyList<ListVersionRef> Lists, string Algorithm, long AuditSeq);

/// <summary>The body of <c>POST /v1/alerts/{id}/decision</c>.</summary>
public sealed record DecisionRequest
{
    /// <summary><c>true_match</c>, <c>false_positive</c> or <c>escalate</c>.</summary>
    public string? Decision { get; init; }

    /// <summary>Why (required): it is kept with the decision in the audit trail.</summary>
    public string? Reason { get; init; }
}

/// <summary>Batch screening that raises alerts, the alert queue, and analysts' decisions (recorded in the audit trail).</summary>
internal static class AlertEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/batches", Batch)
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter("batch"))
            .Accepts<ScreenRequest>("application/json")
            .WithName("Batch").WithSummary("Screen a chunk of a batch (body as POST /v1/screen) and raise an alert per hit; ?batch= adds to an existing batch")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("/v1/alerts", (IAlertStore alerts, string? status, string? batch) =>
            {
                status ??= "open";
                return AlertDecisions.StatusFilters.Contains(status)
                    ? (Results<Ok<IReadOnlyList<Alert>>, ProblemHttpResult>)TypedResults.Ok(alerts.List(status, batch))
                    : Problems.BadRequest($"status '{status}' is not one of open, escalated, true_match, false_positive, suppressed, all", "status");
            })
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter("status", "batch"))
            .WithName("Alerts").WithSummary("The alert queue: open alerts by default (status=all for every one; batch= for one batch)");

        app.MapPost("/v1/alerts/{id:long}/decision", Decide)
            .WithMetadata(new RequiresScope(Scopes.Review)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("Decide").WithSummary("Mark an alert true match, false positive or escalate, with a required reason (recorded in the audit trail); needs the review scope")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Batch(HttpContext http, EngineHost host, AuditWriter audit, ServerSettings settings,
        ServerMetrics metrics, TimeProvider time, IAlertStore alerts, string? batch, CancellationToken cancellationToken)
    {
        if (batch is not null && (batch.Length is 0 or > 64 || !batch.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return Problems.BadRequest("batch must be 1–64 letters, digits, '-', '_' or '.'", "batch");
        }

        var (response, problem, snapshot) = await ScreeningEndpoints.ScreenBody(http, "batch", host, audit, settings, metrics, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var batchId = batch ?? "b-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var hits = new List<NewAlert>();
        foreach (var r in response!.Results)
        {
            foreach (var h in r.Hits)
            {
                var entity = snapshot!.Engine.FindEntity(h.EntityId)!;
                hits.Add(new NewAlert(r.Id, PartyName(http, r.Id), h.EntityId, h.Name, h.Score, EntityFingerprint.Hash(entity)));
            }
        }

        var raised = alerts.Raise(batchId, hits, time.GetUtcNow());
        return TypedResults.Ok(new BatchResponse(batchId, response.Results, raised, response.Lists, response.Algorithm, response.AuditSeq));
    }

    // The screened names, by party id, as the body gave them (ScreenBody keeps the parsed request in the context).
    private static string PartyName(HttpContext http, string id) =>
        http.Items[ScreeningEndpoints.PartyNamesItem] is Dictionary<string, string> names && names.TryGetValue(id, out var n) ? n : id;

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> Decide(long id, HttpContext http, IAlertStore alerts, EngineHost host, AuditWriter audit,
        ServerSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        DecisionRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<DecisionRequest>(http.Request.Body, ApiJson.Requests, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"the body is not a valid decision: {ex.Message}", ex.Path);
        }

        if (request?.Decision is not { } decision || !AlertDecisions.All.ContainsKey(decision))
        {
            return Problems.BadRequest($"decision is required: one of {string.Join(", ", AlertDecisions.All.Keys)}", "decision");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 3)
        {
            return Problems.BadRequest("reason is required: say why (it is kept in the audit trail)", "reason");
        }

        if (request.Reason.Length > settings.Limits.MaxNameLength * 4)
        {
            return Problems.BadRequest($"reason is longer than {settings.Limits.MaxNameLength * 4} characters", "reason");
        }

        var alert = alerts.Find(id);
        if (alert is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such alert", $"no alert {id}", "id");
        }

        if (alert.Status is not ("open" or "escalated"))
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Already decided", $"alert {id} is {alert.Status} ({alert.DecidedBy}, {alert.DecidedAt:yyyy-MM-dd HH:mm} UTC)");
        }

        // The decision is recorded in the audit trail first; it takes effect only once recorded.
        var engine = host.Current.Engine;
        var entry = ScreeningEndpoints.Entry(http, time.GetUtcNow(), "decision",
            JsonSerializer.Serialize(new { AlertId = id, Decision = decision, Reason = request.Reason.Trim() }, ScreeningJson.Compact), engine,
            JsonSerializer.Serialize(new { alert.CustomerId, alert.EntityId, alert.EntityHash, alert.Score, alert.BatchId }, ScreeningJson.Compact));
        var record = await ScreeningEndpoints.Record(audit, entry, cancellationToken);
        if (record.Problem is { } unavailable)
        {
            return unavailable;
        }

        try
        {
            return TypedResults.Ok(alerts.Decide(id, decision, request.Reason.Trim(), entry.Principal, entry.At));
        }
        catch (InvalidOperationException ex)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Already decided", ex.Message);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Interdict.Core.Audit;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary><c>POST /v1/screen</c> and <c>GET /v1/search</c>: screening, each request recorded in the audit trail before it is answered.</summary>
internal static class ScreeningEndpoints
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding the screened names by party id.</summary>
    public const string PartyNamesItem = "interdict.party-names";

    private static readonly string[] SearchParameters = ["q", "type", "dob", "country", "identifier", "lists", "threshold", "limit"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/screen", Screen)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .AddEndpointFilter(new KnownQueryFilter())
            .Accepts<ScreenRequest>("application/json")
            .WithName("Screen")
            .WithSummary("Screen a batch of parties")
            .WithDescription("Screens each party's name (with its optional type, date of birth, country and identifier) against the loaded lists. The request is recorded in the audit trail before it is answered.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("/v1/search", Search)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .AddEndpointFilter(new KnownQueryFilter(SearchParameters))
            .WithName("Search")
            .WithSummary("Search one name interactively")
            .WithDescription("Screens one name given in the query string (q, with optional type, dob, country, identifier, lists, threshold, limit). Recorded in the audit trail like a screen.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<ScreenResponse>, ProblemHttpResult>> Screen(HttpContext http, EngineHost host, AuditWriter audit, ServerSettings settings,
        ServerMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var (response, problem, _) = await ScreenBody(http, "screen", host, audit, settings, metrics, time, cancellationToken);
        return problem is null ? TypedResults.Ok(response!) : problem;
    }

    /// <summary>Reads, validates, screens and audits a <see cref="ScreenRequest"/> body; shared by screening and batches.</summary>
    internal static async Task<(ScreenResponse? Response, ProblemHttpResult? Problem, EngineSnapshot? Snapshot)> ScreenBody(HttpContext http, string action, EngineHost host,
        AuditWriter audit, ServerSettings settings, ServerMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        if (!http.Request.HasJsonContentType())
        {
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "send the body as application/json"), null);
        }

        var body = await ReadBody(http.Request, settings.Limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.Result(StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body is larger than {settings.Limits.MaxBodyBytes:N0} bytes (setting Limits:MaxBodyBytes); send fewer parties per request"), null);
        }

        ScreenRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ScreenRequest>(body, ApiJson.Requests);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"the body is not a valid screening request: {ex.Message}", ex.Path), null);
        }

        if (request?.Parties is not { Count: > 0 } parties)
        {
            return (null, Problems.BadRequest("'parties' is required: an array of at least one {\"name\": …}", "parties"), null);
        }

        if (parties.Count > settings.Limits.MaxParties)
        {
            return (null, Problems.Result(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"{parties.Count:N0} parties in one request; at most {settings.Limits.MaxParties:N0} (setting Limits:MaxParties)", "parties"), null);
        }

        var snapshot = host.Current;
        if (Options(snapshot, settings, request.Lists, request.Threshold, request.Limit, out var options) is { } invalid)
        {
            return (null, invalid, null);
        }

        var queries = new (string Id, ScreeningQuery Query, List<string> Warnings)[parties.Count];
        for (var i = 0; i < parties.Count; i++)
        {
            var field = $"parties[{i}]";
            if (parties[i] is not { } p)
            {
                return (null, Problems.BadRequest($"{field} is null; each party is an object with at least a name", field), null);
            }

            if (Query(p.Name, p.Type, p.Dob, p.Country, p.Identifier, settings, field + ".name", out var query, out var warnings) is { } bad)
            {
                return (null, bad, null);
            }

            // Alerts and decisions belong to a customer: a batch must say which (a position such as "1" names a different
            // customer in every batch, and a decision about one would hide another's match).
            if (action == "batch" && string.IsNullOrWhiteSpace(p.Id))
            {
                return (null, Problems.BadRequest($"{field}.id is required for a batch: alerts and decisions are kept per customer, so give each party your own customer id", field + ".id"), null);
            }

            queries[i] = (p.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture), query, warnings);
        }

        if (action == "batch" && queries.GroupBy(q => q.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Select(q => q.Query.Name).Distinct(StringComparer.Ordinal).Count() > 1) is { } clash)
        {
            return (null, Problems.BadRequest($"the id '{clash.Key}' is given to parties with different names ({string.Join(", ", clash.Select(q => $"'{q.Query.Name}'").Distinct(StringComparer.Ordinal))}); each customer needs an id of its own", "parties"), null);
        }

        http.Items[PartyNamesItem] = queries.GroupBy(q => q.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Query.Name, StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var results = new PartyResult[queries.Length];
        void ScreenOne(int i)
        {
            var r = snapshot.Engine.Screen(queries[i].Query, options);
            var warnings = queries[i].Warnings.Concat(r.Warnings).ToList();
            results[i] = new PartyResult(queries[i].Id, r.Hits, warnings.Count > 0 ? warnings : null);
        }

        if (await Run(http, settings, queries.Select(q => q.Query.Name).ToArray(), ScreenOne, cancellationToken) is { } busy)
        {
            return (null, busy, null);
        }

        metrics.Screened(action, results.Length, results.Sum(r => r.Hits.Count), Stopwatch.GetElapsedTime(started));
        var entry = Entry(http, at, action, JsonSerializer.Serialize(request, ScreeningJson.Compact), snapshot.Engine,
            JsonSerializer.Serialize(results.Select(r => new { r.Id, Hits = r.Hits.Select(Summary) }), ScreeningJson.Compact));
        var record = await Record(audit, entry, cancellationToken);
        return record.Problem is { } unavailable
            ? (null, unavailable, null)
            : (new ScreenResponse(results, snapshot.Engine.ListVersions, snapshot.Engine.AlgorithmName, record.Seq), null, snapshot);
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(HttpContext http, EngineHost host, AuditWriter audit, ServerSettings settings,
        ServerMetrics metrics, TimeProvider time,
        string? q, string? type, string? dob, string? country, string? identifier, string? lists, string? threshold, string? limit, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        if (Query(q, type, dob, country, identifier, settings, "q", out var query, out var warnings) is { } bad)
        {
            return bad;
        }

        if (QueryPolicy.ParseThreshold(threshold, "threshold", out var t) is { } badThreshold)
        {
            return Problems.BadRequest(badThreshold, "threshold");
        }

        if (QueryPolicy.ParseLimit(limit, "limit", settings.Limits.Query, out var l) is { } badLimit)
        {
            return Problems.BadRequest(badLimit, "limit");
        }

        var snapshot = host.Current;
        var listIds = lists?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Options(snapshot, settings, listIds, t, l, out var options) is { } invalid)
        {
            return invalid;
        }

        var started = Stopwatch.GetTimestamp();
        ScreeningResult result = null!;
        if (await Run(http, settings, [query.Name], _ => result = snapshot.Engine.Screen(query, options), cancellationToken) is { } busy)
        {
            return busy;
        }

        metrics.Screened("search", 1, result.Hits.Count, Stopwatch.GetElapsedTime(started));
        var allWarnings = warnings.Concat(result.Warnings).ToList();
        var input = new { q, type, dob, country, identifier, lists, threshold, limit };
        var entry = Entry(http, at, "search", JsonSerializer.Serialize(input, ScreeningJson.Compact), snapshot.Engine,
            JsonSerializer.Serialize(result.Hits.Select(Summary), ScreeningJson.Compact));
        var record = await Record(audit, entry, cancellationToken);
        return record.Problem is { } unavailable
            ? unavailable
            : TypedResults.Ok(new SearchResponse(query.Name, result.Hits, allWarnings, snapshot.Engine.ListVersions, snapshot.Engine.AlgorithmName, record.Seq));
    }

    // Screens a request's names by the work they ask for: light requests take their turn on a screening thread
    // (concurrency comes from many clients); heavy ones (a large batch, long or Arabic-script names) go to the heavy lane,
    // one at a time on threads of their own. Too much work for one request is 413; a full heavy lane is 503 + Retry-After.
    internal static async Task<ProblemHttpResult?> Run(HttpContext http, ServerSettings settings, string[] names, Action<int> screenOne, CancellationToken cancellationToken)
    {
        var work = names.Sum(n => (long)HeavyLane.WorkOf(n));
        if (work > settings.Limits.MaxRequestWork)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Too much work in one request",
                $"the request's names ask for {work:N0} units of work (a Latin word is 1, an Arabic-script word 8); at most {settings.Limits.MaxRequestWork:N0} (setting Limits:MaxRequestWork): send fewer parties per request", "parties");
        }

        if (work <= settings.Limits.LightWork)
        {
            // A few names run as one job; more (a batch of short names) as one job per screening thread, each taking
            // the next name, so that the batch uses every core and single screens still take their turn between jobs.
            var workers = http.RequestServices.GetRequiredService<ScreeningWorkers>();
            await workers.RunEach(names.Length, names.Length < 16 ? 1 : workers.Count, screenOne);
            return null;
        }

        if (await http.RequestServices.GetRequiredService<HeavyLane>().TryRun(names.Length, screenOne, cancellationToken))
        {
            return null;
        }

        http.Response.Headers.RetryAfter = "5";
        return Problems.Result(StatusCodes.Status503ServiceUnavailable, "Busy with large requests",
            $"{settings.Limits.MaxQueuedHeavy:N0} large request(s) are already waiting (setting Limits:MaxQueuedHeavy); retry after a few seconds, or send smaller requests");
    }

    // The one query policy (QueryPolicy), with this server's limits; an error is a 400 naming the field.
    internal static ProblemHttpResult? Query(string? name, string? type, string? dob, string? country, string? identifier, ServerSettings settings, string field,
        out ScreeningQuery query, out List<string> warnings)
    {
        var built = QueryPolicy.Build(new QueryInput(name, type, dob, country, identifier), settings.Limits.Query, field);
        query = built.Query!;
        warnings = [.. built.Warnings];
        return built.Error is { } error ? Problems.BadRequest(error, field) : null;
    }

    internal static ProblemHttpResult? Options(EngineSnapshot snapshot, ServerSettings settings, IReadOnlyList<string>? lists, double? threshold, int? limit, out ScreeningOptions options)
    {
        options = null!;
        if (QueryPolicy.CheckThreshold(threshold, "threshold") is { } badThreshold)
        {
            return Problems.BadRequest(badThreshold, "threshold");
        }

        if (QueryPolicy.CheckLimit(limit, "limit", settings.Limits.Query) is { } badLimit)
        {
            return Problems.BadRequest(badLimit, "limit");
        }

        if (QueryPolicy.SelectLists(lists, snapshot.Lists.Select(x => x.Id), "lists", out var selected) is { } badLists)
        {
            return Problems.BadRequest(badLists, "lists");
        }

        options = new ScreeningOptions { Threshold = threshold ?? settings.Threshold, Limit = limit ?? settings.Limit, Lists = selected };
        return null;
    }

    private static object Summary(ScreeningHit h) => new { h.EntityId, h.MatchedName, h.Score };

    internal static AuditEntry Entry(HttpContext http, DateTimeOffset at, string action, string request, ScreeningEngine engine, string result) => new()
    {
        At = at,
        Principal = http.Items[ApiKeyMiddleware.PrincipalItem] as string ?? ApiKeyMiddleware.AnonymousLoopback,
        Action = action,
        Client = http.Connection.RemoteIpAddress?.ToString(),
        Request = request,
        Lists = JsonSerializer.Serialize(engine.ListVersions, ScreeningJson.Compact),
        Algorithm = engine.AlgorithmName,
        Result = result,
    };

    internal static async Task<(long Seq, ProblemHttpResult? Problem)> Record(AuditWriter audit, AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return ((await audit.WriteAsync(entry, cancellationToken)).Seq, null);
        }
        catch (AuditUnavailableException ex)
        {
            return (0, Problems.Result(StatusCodes.Status503ServiceUnavailable, "Audit trail unavailable",
                $"{ex.Message}; the request was not answered, because every screening must be recorded"));
        }
    }

    /// <summary>Reads the body up to <paramref name="max"/> bytes; null when it is longer.</summary>
    internal static async Task<byte[]?> ReadBody(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

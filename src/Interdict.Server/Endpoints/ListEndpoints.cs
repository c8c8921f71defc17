using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Store;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary>The answer of <c>GET /v1/lists</c>.</summary>
/// <param name="Lists">The lists screening uses now.</param>
/// <param name="LoadedAt">When they were loaded.</param>
/// <param name="Algorithm">The matching algorithm and version.</param>
public sealed record ListsResponse(IReadOnlyList<LoadedListInfo> Lists, DateTimeOffset LoadedAt, string Algorithm);

/// <summary>A list in use.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Version">Its label: <c>v12</c> (stored) or <c>bundled</c>.</param>
/// <param name="PublicationDate">Its publication date.</param>
/// <param name="AgeDays">Days since publication.</param>
/// <param name="ContentHash">The SHA-256 of its files.</param>
/// <param name="Entities">How many entities it holds.</param>
public sealed record LoadedListInfo(string Id, string Version, DateOnly? PublicationDate, int? AgeDays, string ContentHash, int Entities);

/// <summary>Lists, their versions and diffs; one entity's full record.</summary>
internal static class ListEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/lists", (EngineHost host, TimeProvider time) => TypedResults.Ok(Loaded(host, time)))
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("Lists").WithSummary("The lists screening uses now, with their versions and ages");

        app.MapGet("/v1/lists/{source}/versions", Versions)
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("ListVersions").WithSummary("Every stored version of a source (and the bundled snapshot), marking the one in force")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/v1/lists/{source}/diff", Diff)
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter("from", "to"))
            .WithName("ListDiff").WithSummary("Entities added, removed and changed between two versions (v<number>, a publication date, 'bundled' or 'current')")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/v1/lists/{source}/history", (string source, string? program, EngineHost host) =>
            {
                if (Unknown(source) is { } missing)
                {
                    return (Results<Ok<IReadOnlyList<HistoryRow>>, ProblemHttpResult>)missing;
                }

                using var store = host.OpenStore();
                var programs = program?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return TypedResults.Ok(store is null ? [] : ListHistory.Compute(store, source, programs is { Length: > 0 } ? programs : null));
            })
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter("program"))
            .WithName("ListHistory").WithSummary("Entities per programme in each stored version (as 'interdict lists history'); program= limits to some programmes")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/v1/entities/{id}", (string id, EngineHost host) => host.Current.Engine.FindEntity(id) is { } entity
                ? (Results<Ok<Entity>, ProblemHttpResult>)TypedResults.Ok(entity)
                : Problems.Result(StatusCodes.Status404NotFound, "No such entity", $"no loaded list has an entity '{id}' (ids look like ofac-sdn:10481)", "id"))
            .WithMetadata(new RequiresScope(Scopes.Screen)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("Entity").WithSummary("The full record of a listed entity, as its source publishes it")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/v1/admin/reload", (EngineHost host, TimeProvider time) =>
            {
                var outcome = host.Refresh();
                return outcome.Error is { } error
                    ? (Results<Ok<ListsResponse>, ProblemHttpResult>)Problems.Result(StatusCodes.Status500InternalServerError, "Reload failed", $"{error}; the previous lists stay in use")
                    : TypedResults.Ok(Loaded(host, time));
            })
            .WithMetadata(new RequiresScope(Scopes.Admin)).AddEndpointFilter(new KnownQueryFilter())
            .WithName("Reload").WithSummary("Load the versions now in force in the list store (the server also checks every Lists:RefreshSeconds)");
    }

    internal static ListsResponse Loaded(EngineHost host, TimeProvider time)
    {
        var snapshot = host.Current;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new ListsResponse(
            [.. snapshot.Lists.Select(l => new LoadedListInfo(l.Id, l.Version, l.PublicationDate, l.PublicationDate is { } p ? today.DayNumber - p.DayNumber : null, l.ContentHash, l.Entities))],
            snapshot.LoadedAt, snapshot.Engine.AlgorithmName);
    }

    private static Results<Ok<List<VersionReport>>, ProblemHttpResult> Versions(string source, EngineHost host)
    {
        if (Unknown(source) is { } missing)
        {
            return missing;
        }

        using var store = host.OpenStore();
        return TypedResults.Ok(ListReports.Versions(new ListLibrary(store), [source]));
    }

    private static Results<Ok<DiffReport>, ProblemHttpResult> Diff(string source, string? from, string? to, EngineHost host)
    {
        if (Unknown(source) is { } missing)
        {
            return missing;
        }

        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            return Problems.BadRequest("give both 'from' and 'to': v<number>, a publication date YYYY-MM-DD, 'bundled' or 'current'", string.IsNullOrWhiteSpace(from) ? "from" : "to");
        }

        using var store = host.OpenStore();
        try
        {
            return TypedResults.Ok(ListReports.Diff(new ListLibrary(store), source, from, to));
        }
        catch (ArgumentException ex)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "No such version", ex.Message);
        }
    }

    private static ProblemHttpResult? Unknown(string source) => ListSources.IsKnown(source)
        ? null
        : Problems.Result(StatusCodes.Status404NotFound, "No such list", $"unknown list '{source}'; lists: {string.Join(", ", ListSources.Ids)}", "source");
}

using System.Globalization;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Ftm;
using Interdict.Server.Hosting;
using Interdict.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interdict.Server.Endpoints;

/// <summary>
/// The yente-compatible API (OpenSanctions' screening service): <c>POST /match/{dataset}</c>, <c>GET /search/{dataset}</c>,
/// <c>GET /entities/{id}</c>, <c>GET /catalog</c> and <c>GET /algorithms</c>, taking and answering yente's shapes, so
/// that a client written for yente (a case manager calling <c>/match</c>) can point at Interdict. Queries go through the
/// same policy, engine, limits, keys and audit trail as <c>/v1</c>. Differences are listed in <c>docs/server.md</c>.
/// </summary>
internal static class YenteEndpoints
{
    /// <summary>The dataset names that mean every loaded list (yente's collections).</summary>
    private static readonly string[] Collections = ["default", "sanctions", "all"];

    /// <summary>yente's own dataset names for the lists Interdict reads.</summary>
    private static readonly Dictionary<string, string> DatasetNames = new(StringComparer.Ordinal)
    {
        ["ofac-sdn"] = "us_ofac_sdn",
        ["ofac-cons"] = "us_ofac_cons",
        ["un"] = "un_sc_sanctions",
        ["uk-ofsi"] = "gb_hmt_sanctions",
        ["uk-fcdo"] = "gb_fcdo_sanctions",
    };

    /// <summary>yente's algorithm names: a client may send them; Interdict answers with the matcher it runs.</summary>
    private static readonly string[] YenteAlgorithms = ["best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1", "regression-v2", "regression-v3"];

    private static readonly string[] MatchParameters = ["threshold", "cutoff", "limit", "algorithm", "include_dataset", "exclude_dataset", "exclude_schema", "exclude_entity_ids", "topics"];

    private static readonly string[] SearchParameters = ["q", "schema", "countries", "limit", "offset", "include_dataset", "exclude_dataset", "topics", "fuzzy", "simple"];

    /// <summary>Where the score features are described, in the repository's documentation.</summary>
    private const string MatchingDocs = "docs/matching.md";

    /// <summary>The score features Interdict reports, documented as yente documents its own.</summary>
    private static readonly Dictionary<string, YenteFeatureDoc> Features = new(StringComparer.Ordinal)
    {
        ["name_score"] = new("The name comparison alone: names aligned part by part across scripts, transliterations, word order, legal forms, numbers and nicknames (see the explanation's alignment).", 1, MatchingDocs),
        ["date_of_birth"] = new("Change from the date of birth: raised when it agrees, lowered when it contradicts.", 1, MatchingDocs),
        ["country"] = new("Change from the country (nationality, residence, registration or flag).", 1, MatchingDocs),
        ["identifier"] = new("Change from an identifier (passport, ID, IMO, registration number, BIC): an exact match is strong evidence.", 1, MatchingDocs),
        ["kind"] = new("Change from the kind of party (person, organisation, vessel, aircraft).", 1, MatchingDocs),
        ["weak_alias"] = new("Lowered because the publisher marks the matched alias as weak.", 1, MatchingDocs),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/match/{dataset}", Match)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .WithName("YenteMatch").WithTags("yente")
            .WithSummary("Query-by-example matching, as yente's /match")
            .WithDescription("Takes yente's body ({\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [...], \"birthDate\": [...], \"nationality\": [...]}}}}) and answers in yente's shape; recorded in the audit trail.");
        app.MapGet("/search/{dataset}", Search)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .WithName("YenteSearch").WithTags("yente")
            .WithSummary("Search by name, as yente's /search");
        app.MapGet("/entities/{id}", EntityById)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .WithName("YenteEntity").WithTags("yente")
            .WithSummary("A listed entity as FollowTheMoney, as yente's /entities");
        app.MapGet("/catalog", Catalog)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .WithName("YenteCatalog").WithTags("yente")
            .WithSummary("The loaded lists as yente's dataset catalogue");
        app.MapGet("/algorithms", Algorithms)
            .WithMetadata(new RequiresScope(Scopes.Screen))
            .WithName("YenteAlgorithms").WithTags("yente")
            .WithSummary("The matcher this server runs, as yente's /algorithms");
    }

    /// <summary>yente's name for a loaded list: its own for the official lists, the dataset name of an FtM import.</summary>
    public static string DatasetName(string listId) =>
        DatasetNames.TryGetValue(listId, out var name) ? name : listId.StartsWith(Lists.ListSources.FtmPrefix, StringComparison.Ordinal) ? listId[Lists.ListSources.FtmPrefix.Length..] : listId;

    private static JsonHttpResult<YenteError> Error(int status, string detail) => TypedResults.Json(new YenteError(detail), statusCode: status);

    private static async Task<IResult> Match(HttpContext http, string dataset, EngineHost host, AuditWriter audit, ServerSettings settings, ServerMetrics metrics,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var snapshot = host.Current;
        var query = http.Request.Query;
        if (Select(query, MatchParameters, dataset, snapshot, out var lists) is { } refused)
        {
            return refused;
        }

        if (CheckAlgorithm(query["algorithm"], snapshot) is { } badAlgorithm)
        {
            return badAlgorithm;
        }

        // yente's defaults: 5 results; the threshold decides "match", the cutoff what is returned at all.
        var bad = new[]
        {
            QueryPolicy.ParseThreshold(query["threshold"].FirstOrDefault(), "threshold", out var threshold),
            QueryPolicy.ParseThreshold(query["cutoff"].FirstOrDefault(), "cutoff", out var cutoff),
            QueryPolicy.ParseLimit(query["limit"].FirstOrDefault(), "limit", settings.Limits.Query, out var limit),
        }.FirstOrDefault(e => e is not null);
        if (bad is not null)
        {
            return Error(StatusCodes.Status400BadRequest, bad);
        }

        var matchAt = threshold ?? settings.Threshold;
        var returnAt = Math.Min(cutoff ?? matchAt, matchAt);
        var take = limit ?? 5;
        if (!http.Request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "JSON expected: send the body as application/json");
        }

        var body = await ScreeningEndpoints.ReadBody(http.Request, settings.Limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {settings.Limits.MaxBodyBytes:N0} bytes (setting Limits:MaxBodyBytes); send fewer queries per request");
        }

        List<Example> examples;
        try
        {
            examples = ReadExamples(body, settings);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"the body is not a valid match request: {ex.Message}");
        }
        catch (ExampleException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message);
        }

        if (examples.Count == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "No queries provided: 'queries' must hold at least one example, e.g. {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"...\"]}}}");
        }

        if (examples.Count > settings.Limits.MaxParties)
        {
            return Error(StatusCodes.Status400BadRequest, $"Too many queries in one batch ({examples.Count:N0}; limit: {settings.Limits.MaxParties:N0}, setting Limits:MaxParties)");
        }

        var options = new ScreeningOptions { Threshold = returnAt, Limit = settings.Limits.MaxHits, Lists = lists };
        var jobs = examples.SelectMany(e => e.Queries.Select(q => (Example: e, Query: q))).ToArray();
        var results = new ScreeningResult[jobs.Length];
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await ScreeningEndpoints.Run(http, settings, [.. jobs.Select(j => j.Query.Name)], i => results[i] = snapshot.Engine.Screen(jobs[i].Query, options), cancellationToken) is { } busy)
        {
            return busy;
        }

        var excludedIds = query["exclude_entity_ids"].SelectMany(Split).ToHashSet(StringComparer.Ordinal);
        var excludedSchemata = query["exclude_schema"].SelectMany(Split).ToHashSet(StringComparer.Ordinal);
        var responses = new Dictionary<string, YenteMatches>(StringComparer.Ordinal);
        var hitCount = 0;
        foreach (var example in examples)
        {
            // A party with several names is one query: each entity keeps its best-scoring name's hit.
            var best = new Dictionary<string, ScreeningHit>(StringComparer.Ordinal);
            var warnings = new List<string>(example.Warnings);
            for (var i = 0; i < jobs.Length; i++)
            {
                if (!ReferenceEquals(jobs[i].Example, example))
                {
                    continue;
                }

                warnings.AddRange(results[i].Warnings.Where(w => !warnings.Contains(w, StringComparer.Ordinal)));
                foreach (var hit in results[i].Hits)
                {
                    if (!best.TryGetValue(hit.EntityId, out var seen) || hit.Score > seen.Score)
                    {
                        best[hit.EntityId] = hit;
                    }
                }
            }

            var scored = best.Values
                .Where(h => !excludedIds.Contains(h.EntityId) && !h.SameParty.Any(l => excludedIds.Contains(l.EntityId)) && !excludedSchemata.Contains(FtmSchema.SchemaOf(h.Kind)))
                .OrderByDescending(h => h.Score).ThenBy(h => h.EntityId, StringComparer.Ordinal)
                .ToList();
            var shown = scored.Take(take).Select(h => Scored(h, snapshot, matchAt)).ToList();
            hitCount += shown.Count;
            responses[example.Key] = new YenteMatches(200, shown, new YenteTotal(scored.Count), new YenteExample(example.Id, example.Schema, example.Properties),
                warnings.Count > 0 ? warnings : null);
        }

        metrics.Screened("match", examples.Count, hitCount, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var entry = ScreeningEndpoints.Entry(http, at, "match", $"{{\"dataset\":{JsonSerializer.Serialize(dataset)},\"query\":{JsonSerializer.Serialize(http.Request.QueryString.Value ?? "")},\"body\":{System.Text.Encoding.UTF8.GetString(body)}}}",
            snapshot.Engine, JsonSerializer.Serialize(responses.ToDictionary(r => r.Key, r => r.Value.Results.Select(h => new { h.Id, h.Score, h.Match })), ScreeningJson.Compact));
        var record = await ScreeningEndpoints.Record(audit, entry, cancellationToken);
        if (record.Problem is { } unavailable)
        {
            return unavailable;
        }

        http.Response.Headers["x-batch-size"] = responses.Count.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(new YenteMatchResponse(responses, Features, take, record.Seq));
    }

    private static async Task<IResult> Search(HttpContext http, string dataset, EngineHost host, AuditWriter audit, ServerSettings settings, ServerMetrics metrics,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var snapshot = host.Current;
        var query = http.Request.Query;
        if (Select(query, SearchParameters, dataset, snapshot, out var lists) is { } refused)
        {
            return refused;
        }

        var schema = query["schema"].FirstOrDefault();
        EntityKind? kind = null;
        if (schema is not null)
        {
            if (!FtmSchema.Screened.TryGetValue(schema, out var k))
            {
                return Error(StatusCodes.Status400BadRequest, $"schema '{schema}' is not one Interdict screens: {string.Join(", ", FtmSchema.Screened.Keys)}");
            }

            kind = k == EntityKind.Unknown ? null : k;
        }

        var built = QueryPolicy.Build(new QueryInput(query["q"].FirstOrDefault(), kind?.ToWireName()), settings.Limits.Query, "q");
        if (built.Error is { } badName)
        {
            return Error(StatusCodes.Status400BadRequest, badName);
        }

        if (QueryPolicy.ParseLimit(query["limit"].FirstOrDefault(), "limit", settings.Limits.Query, out var limit) is { } badLimit)
        {
            return Error(StatusCodes.Status400BadRequest, badLimit);
        }

        var offsetText = query["offset"].FirstOrDefault();
        var offset = 0;
        if (offsetText is not null && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > settings.Limits.MaxHits))
        {
            return Error(StatusCodes.Status400BadRequest, $"offset '{offsetText}' is not a whole number from 0 to {settings.Limits.MaxHits}");
        }

        var take = limit ?? 10;
        // A search is a look-up, not a screening decision: it shows names somewhat below the screening threshold too.
        var options = new ScreeningOptions { Threshold = Math.Min(0.7, settings.Threshold), Limit = settings.Limits.MaxHits, Lists = lists };
        ScreeningResult result = null!;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await ScreeningEndpoints.Run(http, settings, [built.Query!.Name], _ => result = snapshot.Engine.Screen(built.Query, options), cancellationToken) is { } busy)
        {
            return busy;
        }

        var countries = query["countries"].SelectMany(Split).Select(c => c.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var entities = result.Hits
            .Select(h => snapshot.Engine.FindEntity(h.EntityId)!)
            .Where(e => kind is null || e.Kind == kind)
            .Select(e => Shape(e, snapshot))
            .Where(e => countries.Count == 0 || FtmSchema.CountryProperties.Any(p => e.Properties.TryGetValue(p, out var v) && v.Any(countries.Contains)))
            .ToList();
        metrics.Screened("search", 1, entities.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var page = entities.Skip(offset).Take(take).ToList();
        var entry = ScreeningEndpoints.Entry(http, at, "search", JsonSerializer.Serialize(new { dataset, query = http.Request.QueryString.Value ?? "" }, ScreeningJson.Compact),
            snapshot.Engine, JsonSerializer.Serialize(page.Select(e => e.Id), ScreeningJson.Compact));
        var record = await ScreeningEndpoints.Record(audit, entry, cancellationToken);
        return record.Problem is { } unavailable
            ? unavailable
            : TypedResults.Ok(new YenteSearchResponse(take, offset, new YenteTotal(entities.Count), page, new Dictionary<string, object>(), record.Seq));
    }

    private static IResult EntityById(string id, EngineHost host)
    {
        var snapshot = host.Current;
        return snapshot.Engine.FindEntity(id) is { } entity
            ? TypedResults.Ok(Shape(entity, snapshot))
            : Error(StatusCodes.Status404NotFound, $"Entity not found: {id} (ids look like ofac-sdn:10481)");
    }

    private static YenteCatalog Catalog(EngineHost host)
    {
        var snapshot = host.Current;
        var lists = snapshot.Lists.Select(l =>
        {
            var title = snapshot.Engine.Lists.First(w => w.Id == l.Id).Title;
            var version = string.Create(CultureInfo.InvariantCulture, $"{l.PublicationDate:yyyyMMdd}-{l.ContentHash[..8]}");
            return new YenteDataset(DatasetName(l.Id), title, $"Interdict list '{l.Id}', {l.Version}, {l.Entities:N0} entities", null, true, null, version, version, true, []);
        }).ToList();
        var names = lists.Select(d => d.Name).ToList();
        var collections = Collections[..2].Select(c => new YenteDataset(c, c == "default" ? "Every loaded list" : "Every loaded sanctions list", "A collection of every list this server screens against",
            null, true, null, string.Join("+", lists.Select(d => d.Version)), null, true, names));
        return new YenteCatalog([.. collections, .. lists], [.. Collections[..2], .. names], [], false);
    }

    private static YenteAlgorithms Algorithms(EngineHost host)
    {
        var name = host.Current.Engine.AlgorithmName;
        return new YenteAlgorithms(
            [new YenteAlgorithm(name, "Interdict's matcher: names compared across scripts and transliterations, then secondary facts; every score explained.", Features)], name, name);
    }

    private static YenteScoredEntity Scored(ScreeningHit hit, EngineSnapshot snapshot, double matchAt)
    {
        var e = Shape(snapshot.Engine.FindEntity(hit.EntityId)!, snapshot);
        var features = new Dictionary<string, double>(StringComparer.Ordinal) { ["name_score"] = hit.Explanation.NameScore };
        foreach (var fact in hit.Explanation.Facts)
        {
            features[fact.Feature] = features.GetValueOrDefault(fact.Feature) + fact.Effect;
        }

        return new YenteScoredEntity(e.Id, e.Caption, e.Schema, e.Properties, e.Datasets, e.Referents, e.Target, e.FirstSeen, e.LastSeen, e.LastChange,
            hit.Score, features, hit.Score >= matchAt, hit.Explanation);
    }

    private static YenteEntity Shape(Entity entity, EngineSnapshot snapshot)
    {
        var published = snapshot.Engine.ListVersions.FirstOrDefault(v => v.List == entity.ListId)?.PublicationDate;
        var referents = snapshot.Engine.Links.For(entity.Id).Select(l => l.EntityId).ToList();
        return new YenteEntity(entity.Id, entity.Name, FtmSchema.SchemaOf(entity.Kind), FtmSchema.Properties(entity), [DatasetName(entity.ListId)], referents,
            true, entity.ListedOn, published, entity.LastUpdated);
    }

    // The lists a dataset name selects: null when it names nothing loaded; empty for a collection (every list).
    private static HashSet<string>? Datasets(string dataset, EngineSnapshot snapshot)
    {
        if (Collections.Contains(dataset, StringComparer.Ordinal))
        {
            return [.. snapshot.Lists.Select(l => l.Id)];
        }

        var list = snapshot.Lists.FirstOrDefault(l => l.Id == dataset || DatasetName(l.Id) == dataset);
        return list is null ? null : [list.Id];
    }

    private static IEnumerable<string> Names(EngineSnapshot snapshot) => Collections[..2].Concat(snapshot.Lists.Select(l => DatasetName(l.Id)));

    // The lists a request screens: its dataset, narrowed by its filters; or why it is refused (an unknown parameter or dataset).
    private static JsonHttpResult<YenteError>? Select(IQueryCollection query, string[] known, string dataset, EngineSnapshot snapshot, out IReadOnlySet<string>? lists)
    {
        lists = null;
        if (CheckParameters(query, known) is { } unknown)
        {
            return unknown;
        }

        return Datasets(dataset, snapshot) is not { } selected
            ? Error(StatusCodes.Status404NotFound, $"Dataset not found: {dataset}; loaded: {string.Join(", ", Names(snapshot))}")
            : Filters(query, snapshot, selected, out lists);
    }

    // include_dataset / exclude_dataset narrow the dataset's lists; topics other than sanctions select nothing Interdict holds.
    private static JsonHttpResult<YenteError>? Filters(IQueryCollection query, EngineSnapshot snapshot, HashSet<string> selected, out IReadOnlySet<string>? lists)
    {
        lists = null;
        var include = query["include_dataset"].SelectMany(Split).ToList();
        var exclude = query["exclude_dataset"].SelectMany(Split).ToList();
        foreach (var name in include.Concat(exclude))
        {
            if (Datasets(name, snapshot) is null)
            {
                return Error(StatusCodes.Status400BadRequest, $"dataset '{name}' is not loaded; loaded: {string.Join(", ", Names(snapshot))}");
            }
        }

        var chosen = new HashSet<string>(selected, StringComparer.Ordinal);
        if (include.Count > 0)
        {
            chosen.IntersectWith(include.SelectMany(n => Datasets(n, snapshot)!));
        }

        chosen.ExceptWith(exclude.SelectMany(n => Datasets(n, snapshot)!));
        var topics = query["topics"].SelectMany(Split).ToList();
        if (topics.Count > 0 && !topics.Any(t => t.StartsWith("sanction", StringComparison.Ordinal)))
        {
            chosen.Clear();
        }

        if (chosen.Count == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "the dataset and filters (include_dataset, exclude_dataset, topics) leave no list to screen against; a screening against nothing would pass everyone");
        }

        lists = chosen;
        return null;
    }

    private static JsonHttpResult<YenteError>? CheckParameters(IQueryCollection query, string[] known)
    {
        foreach (var key in query.Keys)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                return Error(StatusCodes.Status400BadRequest, $"query parameter '{key}' is not supported here; supported: {string.Join(", ", known)}");
            }
        }

        return null;
    }

    private static JsonHttpResult<YenteError>? CheckAlgorithm(string? algorithm, EngineSnapshot snapshot)
    {
        if (string.IsNullOrEmpty(algorithm) || YenteAlgorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase)
            || (MatcherVersions.TryParse(algorithm, out var v) && v == snapshot.Engine.Version)
            || string.Equals(algorithm, snapshot.Engine.AlgorithmName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Error(StatusCodes.Status400BadRequest, $"algorithm '{algorithm}' is not available: this server screens with {snapshot.Engine.AlgorithmName} (setting Screening:Algorithm); yente's names ({string.Join(", ", YenteAlgorithms)}) select it too");
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One example of a match request, read into the queries it screens (one per name).</summary>
    private sealed record Example(string Key, string? Id, string Schema, Dictionary<string, List<string>> Properties, List<ScreeningQuery> Queries, List<string> Warnings);

    private sealed class ExampleException(string message) : Exception(message);

    // Reads yente's body. Extra members (weights, config) are accepted and not used, as yente's own scoring settings do
    // not apply to Interdict's matcher; an example that cannot be screened (no name, an unknown schema) is refused.
    private static List<Example> ReadExamples(byte[] body, ServerSettings settings)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("queries", out var queries) || queries.ValueKind != JsonValueKind.Object)
        {
            throw new ExampleException("'queries' is required: an object of examples, e.g. {\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"...\"]}}}}");
        }

        var examples = new List<Example>();
        foreach (var q in queries.EnumerateObject())
        {
            if (q.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var at = $"queries.{q.Name}";
            if (q.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ExampleException($"Cannot parse example entity {at}: expected an object with 'schema' and 'properties'");
            }

            var schema = q.Value.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : null;
            if (schema is null || !FtmSchema.Screened.TryGetValue(schema, out var kind))
            {
                throw new ExampleException($"Cannot parse example entity {at}.schema: {(schema is null ? "missing" : $"'{schema}' is not a schema Interdict screens")}; use one of {string.Join(", ", FtmSchema.Screened.Keys)}");
            }

            var properties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (q.Value.TryGetProperty("properties", out var props))
            {
                if (props.ValueKind != JsonValueKind.Object)
                {
                    throw new ExampleException($"Cannot parse example entity {at}.properties: expected an object of property lists");
                }

                foreach (var p in props.EnumerateObject())
                {
                    properties[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.Array => [.. p.Value.EnumerateArray().Select(v => Text(v, $"{at}.properties.{p.Name}")).OfType<string>()],
                        JsonValueKind.Null => [],
                        _ => Text(p.Value, $"{at}.properties.{p.Name}") is { } one ? [one] : [],
                    };
                }
            }

            var id = q.Value.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            examples.Add(Read(q.Name, id, schema, kind, properties, settings));
        }

        return examples;
    }

    private static string? Text(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw new ExampleException($"Cannot parse example entity {at}: property values are strings"),
    };

    private static Example Read(string key, string? id, string schema, EntityKind kind, Dictionary<string, List<string>> properties, ServerSettings settings)
    {
        var at = $"queries.{key}.properties";
        List<string> Values(string property) => properties.TryGetValue(property, out var v) ? v : [];
        var names = FtmSchema.NameProperties.SelectMany(Values).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 && string.Join(' ', FtmSchema.NamePartProperties.SelectMany(Values)) is { Length: > 0 } parts)
        {
            names.Add(parts);
        }

        if (names.Count == 0)
        {
            throw new ExampleException($"Cannot parse example entity queries.{key}: it has no name (properties name, alias, previousName, weakAlias, or firstName and lastName); Interdict screens names");
        }

        var warnings = new List<string>();
        string? First(IEnumerable<string> properties, string what)
        {
            var values = properties.SelectMany(p => Values(p).Select(v => (Property: p, Value: v))).ToList();
            if (values.Count > 1)
            {
                warnings.Add($"{at}: {values.Count} {what} given; only the first ({values[0].Property} '{values[0].Value}') is weighed");
            }

            return values.Count > 0 ? values[0].Value : null;
        }

        var dob = First(kind == EntityKind.Person || schema is "LegalEntity" or "Thing" ? ["birthDate"] : ["incorporationDate"], "dates");
        var country = First(FtmSchema.CountryProperties, "countries");
        var identifier = First(FtmSchema.IdentifierProperties.Keys, "identifiers");
        var queries = new List<ScreeningQuery>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var built = QueryPolicy.Build(new QueryInput(names[i], kind == EntityKind.Unknown ? null : kind.ToWireName(), dob, country, identifier), settings.Limits.Query, $"{at}.name[{i}]");
            if (built.Error is { } error)
            {
                throw new ExampleException(error);
            }

            queries.Add(built.Query!);
            warnings.AddRange(built.Warnings.Where(w => !warnings.Contains(w, StringComparer.Ordinal)));
        }

        return new Example(key, id, schema, properties, queries, warnings);
    }
}

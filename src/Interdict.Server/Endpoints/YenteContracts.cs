using System.Text.Json.Serialization;
using Interdict.Core.Matching;

namespace Interdict.Server.Endpoints;

/// <summary>An entity as yente answers it (<c>EntityResponse</c>): FollowTheMoney schema and properties.</summary>
/// <param name="Id">The entity id, e.g. <c>ofac-sdn:10481</c>.</param>
/// <param name="Caption">Its primary name.</param>
/// <param name="Schema">Its FtM schema: Person, Organization, Vessel, Airplane or LegalEntity.</param>
/// <param name="Properties">Its facts as FtM properties (<c>name</c>, <c>alias</c>, <c>birthDate</c>, <c>nationality</c>, …).</param>
/// <param name="Datasets">The datasets it is in, by yente's names (<c>us_ofac_sdn</c>, <c>un_sc_sanctions</c>, …).</param>
/// <param name="Referents">Other lists' records of the same party (Interdict's cross-list links).</param>
/// <param name="Target">True: every entity of a sanctions list is a target.</param>
/// <param name="FirstSeen">When the publisher listed it, when it says.</param>
/// <param name="LastSeen">The publication date of the list version screened.</param>
/// <param name="LastChange">When the publisher last changed it, when it says.</param>
public record YenteEntity(string Id, string Caption, string Schema, IReadOnlyDictionary<string, List<string>> Properties, IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Referents, bool Target, DateOnly? FirstSeen, DateOnly? LastSeen, DateOnly? LastChange);

/// <summary>A scored entity of a <c>/match</c> answer (<c>ScoredEntityResponse</c>).</summary>
public sealed record YenteScoredEntity(string Id, string Caption, string Schema, IReadOnlyDictionary<string, List<string>> Properties, IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Referents, bool Target, DateOnly? FirstSeen, DateOnly? LastSeen, DateOnly? LastChange,
    [property: JsonPropertyOrder(1)] double Score, [property: JsonPropertyOrder(1)] IReadOnlyDictionary<string, double> Features,
    [property: JsonPropertyOrder(1)] bool Match, [property: JsonPropertyOrder(2)] Explanation Explanation)
    : YenteEntity(Id, Caption, Schema, Properties, Datasets, Referents, Target, FirstSeen, LastSeen, LastChange);

/// <summary>A total count, as yente writes it.</summary>
public sealed record YenteTotal(int Value, string Relation = "eq");

/// <summary>A query example as echoed back: the schema and properties the caller sent.</summary>
public sealed record YenteExample(string? Id, string Schema, IReadOnlyDictionary<string, List<string>> Properties);

/// <summary>The answer to one query of a <c>/match</c> request (<c>EntityMatches</c>).</summary>
public sealed record YenteMatches(int Status, IReadOnlyList<YenteScoredEntity> Results, YenteTotal Total, YenteExample Query,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings);

/// <summary>What one feature of the score means (yente's <c>FeatureDocs</c>).</summary>
public sealed record YenteFeatureDoc(string Description, double Coefficient, string Url);

/// <summary>The answer of <c>POST /match/{dataset}</c> (<c>EntityMatchResponse</c>), with Interdict's audit record.</summary>
public sealed record YenteMatchResponse(IReadOnlyDictionary<string, YenteMatches> Responses, IReadOnlyDictionary<string, YenteFeatureDoc> Matcher, int Limit, long AuditSeq);

/// <summary>The answer of <c>GET /search/{dataset}</c> (<c>SearchResponse</c>).</summary>
public sealed record YenteSearchResponse(int Limit, int Offset, YenteTotal Total, IReadOnlyList<YenteEntity> Results, IReadOnlyDictionary<string, object> Facets, long AuditSeq);

/// <summary>A dataset of <c>GET /catalog</c> (<c>DatasetModel</c>).</summary>
public sealed record YenteDataset(string Name, string Title, string? Summary, string? Url, bool Load, string? EntitiesUrl, string Version, string? IndexVersion,
    bool IndexCurrent, IReadOnlyList<string> Children);

/// <summary>The answer of <c>GET /catalog</c> (<c>DataCatalogModel</c>).</summary>
public sealed record YenteCatalog(IReadOnlyList<YenteDataset> Datasets, IReadOnlyList<string> Current, IReadOnlyList<string> Outdated, bool IndexStale);

/// <summary>A matching algorithm of <c>GET /algorithms</c>.</summary>
public sealed record YenteAlgorithm(string Name, string Description, IReadOnlyDictionary<string, YenteFeatureDoc> Features);

/// <summary>The answer of <c>GET /algorithms</c>.</summary>
public sealed record YenteAlgorithms(IReadOnlyList<YenteAlgorithm> Algorithms, string Default, string Best);

/// <summary>yente's error body: <c>{"detail": "…"}</c>.</summary>
public sealed record YenteError(string Detail);

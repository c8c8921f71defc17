using System.Text.Json;
using System.Text.Json.Serialization;
using Interdict.Core.Matching;

namespace Interdict.Server.Endpoints;

/// <summary>One party to screen. Only <see cref="Name"/> is required.</summary>
public sealed record PartyInput
{
    /// <summary>The caller's id for the party (customer number, payment reference); echoed in the result. Default: its position, from 1.</summary>
    public string? Id { get; init; }

    /// <summary>The name, in any script. Identifiers pasted into it ("Ark III (IMO 9187655)") are recognised.</summary>
    public string? Name { get; init; }

    /// <summary>person, organization, vessel or aircraft.</summary>
    public string? Type { get; init; }

    /// <summary>Date of birth: 1957, 1957-03, 1957-03-11 or "11 Mar 1957".</summary>
    public string? Dob { get; init; }

    /// <summary>Country: ISO code, English name or demonym.</summary>
    public string? Country { get; init; }

    /// <summary>A passport, ID, IMO or other number.</summary>
    public string? Identifier { get; init; }
}

/// <summary>The body of <c>POST /v1/screen</c>.</summary>
public sealed record ScreenRequest
{
    /// <summary>The parties to screen.</summary>
    public IReadOnlyList<PartyInput>? Parties { get; init; }

    /// <summary>List ids to screen against (default: every loaded list).</summary>
    public IReadOnlyList<string>? Lists { get; init; }

    /// <summary>Minimum score for a hit, 0 to 1 (default: the server's, 0.83).</summary>
    public double? Threshold { get; init; }

    /// <summary>Maximum hits per party (default: the server's, 10).</summary>
    public int? Limit { get; init; }
}

/// <summary>The screening outcome for one party.</summary>
/// <param name="Id">The party's id.</param>
/// <param name="Hits">Hits, best first, shaped exactly as the CLI's JSON lines.</param>
/// <param name="Warnings">Parts of the input that were not understood and were ignored.</param>
public sealed record PartyResult(string Id, IReadOnlyList<ScreeningHit> Hits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings);

/// <summary>The answer of <c>POST /v1/screen</c>.</summary>
/// <param name="Results">One result per party, in request order.</param>
/// <param name="Lists">The list versions screened against.</param>
/// <param name="Algorithm">The matching algorithm and version.</param>
/// <param name="AuditSeq">The audit record of this request.</param>
public sealed record ScreenResponse(IReadOnlyList<PartyResult> Results, IReadOnlyList<ListVersionRef> Lists, string Algorithm, long AuditSeq);

/// <summary>The answer of <c>GET /v1/search</c>: the CLI's <c>screen --format json</c> document, plus the audit record.</summary>
/// <param name="Name">The name searched.</param>
/// <param name="Hits">Hits, best first.</param>
/// <param name="Warnings">Parts of the input that were ignored.</param>
/// <param name="Lists">The list versions searched.</param>
/// <param name="Algorithm">The matching algorithm and version.</param>
/// <param name="AuditSeq">The audit record of this request.</param>
public sealed record SearchResponse(string Name, IReadOnlyList<ScreeningHit> Hits, IReadOnlyList<string> Warnings, IReadOnlyList<ListVersionRef> Lists, string Algorithm, long AuditSeq);

/// <summary>JSON settings for the API: the CLI's contract for output; requests with unknown members are refused.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Requests { get; } = new(ScreeningJson.Compact) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Copies the CLI's output settings onto ASP.NET Core's options (used for responses and the OpenAPI document).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = ScreeningJson.Compact.PropertyNamingPolicy;
        options.DefaultIgnoreCondition = ScreeningJson.Compact.DefaultIgnoreCondition;
        options.Encoder = ScreeningJson.Compact.Encoder;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        foreach (var c in ScreeningJson.Compact.Converters)
        {
            options.Converters.Add(c);
        }
    }
}

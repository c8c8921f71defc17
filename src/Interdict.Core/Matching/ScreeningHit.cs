using System.Text.Json.Serialization;
using Interdict.Core.Model;

namespace Interdict.Core.Matching;

/// <summary>A listed entity that matched a query, with its score and why.</summary>
public sealed record ScreeningHit
{
    /// <summary>The entity id, e.g. <c>ofac-sdn:10481</c>.</summary>
    public required string EntityId { get; init; }

    /// <summary>The list id, e.g. <c>ofac-sdn</c>.</summary>
    public required string List { get; init; }

    /// <summary>The entity's primary name.</summary>
    public required string Name { get; init; }

    /// <summary>The entity's kind.</summary>
    public required EntityKind Kind { get; init; }

    /// <summary>The listed name (primary or alias) that matched best.</summary>
    public required string MatchedName { get; init; }

    /// <summary>The final score, 0–1, after secondary facts.</summary>
    public required double Score { get; init; }

    /// <summary>How the score came about.</summary>
    public required Explanation Explanation { get; init; }

    /// <summary>Other lists' records of the same party (linked by UN reference, passport/ID or IMO number); empty when none.</summary>
    public IReadOnlyList<LinkedRecord> SameParty { get; init; } = [];

    /// <summary>The entity's publisher id, for tie-breaking.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal string SourceId { get; init; } = "";
}

/// <summary>Why a hit scored what it did: the algorithm, the name alignment and each fact's effect.</summary>
public sealed record Explanation
{
    /// <summary>The matching algorithm's name.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The matching algorithm's version; a changed algorithm gets a new version.</summary>
    public required string AlgorithmVersion { get; init; }

    /// <summary>The score of the name comparison alone.</summary>
    public required double NameScore { get; init; }

    /// <summary>The listed name that matched.</summary>
    public required string MatchedName { get; init; }

    /// <summary>Primary, aka, fka or nka.</summary>
    public required string MatchedNameType { get; init; }

    /// <summary>True when the publisher marks the matched alias as weak (low quality).</summary>
    public bool WeakAlias { get; init; }

    /// <summary>How the query's name parts lined up with the listed name's parts.</summary>
    public required IReadOnlyList<TokenAlignment> Alignment { get; init; }

    /// <summary>Each secondary fact's effect on the score.</summary>
    public required IReadOnlyList<FactEffect> Facts { get; init; }

    /// <summary>The list version screened against.</summary>
    public required ListVersionRef ListVersion { get; init; }
}

/// <summary>One name part of the query and the listed part it was paired with (null when unpaired).</summary>
/// <param name="Query">The query's folded name part, or null for a listed part left unpaired.</param>
/// <param name="Listed">The listed name's folded part, or null for a query part left unpaired.</param>
/// <param name="Similarity">0–1 similarity of the pair.</param>
/// <param name="Weight">Relative weight of the pair in the name score (low for legal forms, honorifics, particles).</param>
/// <param name="QueryWritten">From matcher 2.0.0, the query's words as written when the part compared is a reading of them
/// (a consonant key of an Arabic-script word, a legal form or number read by a rule); omitted otherwise.</param>
/// <param name="ListedWritten">The same for the listed name's part.</param>
/// <param name="Rule">From matcher 2.0.0, the named rule that made the pair, e.g. <c>legal form: aktiengesellschaft = jsc</c>,
/// <c>hypocorism: tom = thomas</c>, <c>same script: 2 of 3 characters in common</c>; omitted when none did.</param>
public sealed record TokenAlignment(string? Query, string? Listed, double Similarity, double Weight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QueryWritten = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ListedWritten = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rule = null);

/// <summary>A secondary fact's effect on a hit.</summary>
/// <param name="Feature">The fact: <c>date_of_birth</c>, <c>country</c>, <c>identifier</c>, <c>kind</c>, <c>weak_alias</c> (matcher 1.4.0).</param>
/// <param name="Effect">The change in score it caused (positive raises, negative lowers, 0 neutral).</param>
/// <param name="Detail">What was compared, in words.</param>
public sealed record FactEffect(string Feature, double Effect, string Detail);

/// <summary>The list version a hit came from.</summary>
/// <param name="List">List id.</param>
/// <param name="PublicationDate">Publication (as-of) date, when known.</param>
/// <param name="ContentHash">SHA-256 identifying the data.</param>
public sealed record ListVersionRef(string List, DateOnly? PublicationDate, string ContentHash);

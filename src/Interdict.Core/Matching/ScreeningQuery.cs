using Interdict.Core.Model;

namespace Interdict.Core.Matching;

/// <summary>A party to screen: a name and, optionally, facts that confirm or contradict a match.</summary>
public sealed record ScreeningQuery
{
    /// <summary>The name, in any script. Identifiers pasted into it ("Ark III (IMO 9187655)") are recognised.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of party, when known.</summary>
    public EntityKind Kind { get; init; } = EntityKind.Unknown;

    /// <summary>Date of birth (people) to the year, month or day.</summary>
    public PartialDate? DateOfBirth { get; init; }

    /// <summary>Country (nationality, residence, registration or flag) as free text: code, name or demonym.</summary>
    public string? Country { get; init; }

    /// <summary>Free-text identifier: a passport or ID number, <c>IMO 9187655</c>, a SWIFT/BIC code.</summary>
    public string? Identifier { get; init; }
}

/// <summary>How to screen.</summary>
public sealed record ScreeningOptions
{
    /// <summary>The default threshold: hits scoring below it are not returned.</summary>
    public const double DefaultThreshold = 0.83;

    /// <summary>The default maximum number of hits per query.</summary>
    public const int DefaultLimit = 10;

    /// <summary>Minimum score (0–1) for a hit.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Maximum hits per query.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>List ids to screen against; null or empty means every loaded list.</summary>
    public IReadOnlySet<string>? Lists { get; init; }

    /// <summary>
    /// Score every indexed name instead of the index's candidates: slow, for measuring what the index misses
    /// (<c>interdict eval --check-index</c>), never for production screening.
    /// </summary>
    public bool Exhaustive { get; init; }

    /// <summary>
    /// From matcher 2.0.0: how many years a 1 January date of birth (a year-only placeholder, on either side) may lie from
    /// a published one and still be read as consistent (default 2; 0 reads placeholders as the days they say).
    /// </summary>
    public int PlaceholderDateToleranceYears { get; init; } = 2;
}

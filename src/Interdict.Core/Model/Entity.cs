namespace Interdict.Core.Model;

/// <summary>
/// A listed party in the unified model: the same shape for every list. The source record is kept verbatim for display and audit.
/// </summary>
public sealed record Entity
{
    /// <summary>Stable id: <c>&lt;list id&gt;:&lt;source id&gt;</c>, e.g. <c>ofac-sdn:10481</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The list this entity comes from, e.g. <c>ofac-sdn</c>.</summary>
    public required string ListId { get; init; }

    /// <summary>The publisher's own id, e.g. OFAC's <c>ent_num</c>.</summary>
    public required string SourceId { get; init; }

    /// <summary>Person, organisation, vessel or aircraft.</summary>
    public required EntityKind Kind { get; init; }

    /// <summary>The primary name as published.</summary>
    public required string Name { get; init; }

    /// <summary>Every name, the primary one first.</summary>
    public IReadOnlyList<EntityName> Names { get; init; } = [];

    /// <summary>Sanctions programmes, e.g. <c>SDGT</c>, <c>IRGC</c>.</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    /// <summary>Title or position.</summary>
    public string? Title { get; init; }

    /// <summary>Vessel facts, for vessels.</summary>
    public VesselDetails? Vessel { get; init; }

    /// <summary>Addresses.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Dates of birth (for organisations: none; see <see cref="OtherFacts"/> for establishment dates).</summary>
    public IReadOnlyList<DateOfBirth> DatesOfBirth { get; init; } = [];

    /// <summary>Places of birth as published.</summary>
    public IReadOnlyList<string> PlacesOfBirth { get; init; } = [];

    /// <summary>Nationalities as published.</summary>
    public IReadOnlyList<string> Nationalities { get; init; } = [];

    /// <summary>Citizenships as published.</summary>
    public IReadOnlyList<string> Citizenships { get; init; } = [];

    /// <summary>Gender as published (<c>Male</c>, <c>Female</c>).</summary>
    public string? Gender { get; init; }

    /// <summary>Passports, national ids, tax ids, registration numbers, IMO and MMSI numbers, SWIFT/BIC codes.</summary>
    public IReadOnlyList<IdentityDocument> Documents { get; init; } = [];

    /// <summary>Websites.</summary>
    public IReadOnlyList<string> Websites { get; init; } = [];

    /// <summary>E-mail addresses.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Names of linked parties ("Linked To:").</summary>
    public IReadOnlyList<string> LinkedTo { get; init; } = [];

    /// <summary>The publisher says the party is subject to secondary sanctions.</summary>
    public bool SecondarySanctions { get; init; }

    /// <summary>When the publisher listed the party, when it says.</summary>
    public DateOnly? ListedOn { get; init; }

    /// <summary>When the publisher last changed the record, when it says.</summary>
    public DateOnly? LastUpdated { get; init; }

    /// <summary>Remark parts that were not turned into structured facts, kept as published.</summary>
    public IReadOnlyList<string> OtherFacts { get; init; } = [];

    /// <summary>
    /// How the first of <see cref="OtherFacts"/> starts on a record of a list that publishes names only (the FCDO's
    /// summary export): screening says so on its hits, and screens it through a richer record of the same party.
    /// </summary>
    public const string NamesOnlyMark = "names only";

    /// <summary>How a fact citing the OFSI group of the same party starts (the FCDO's designations): <c>OFSI Group ID 15599</c>.</summary>
    public const string OfsiGroupMark = "OFSI Group ID ";

    /// <summary>The source record, field by field, as published (after decoding).</summary>
    public IReadOnlyList<SourceRecord> SourceRecords { get; init; } = [];
}

/// <summary>One raw row or element of the source file, kept for display and audit.</summary>
/// <param name="File">The file it came from, e.g. <c>sdn.csv</c>.</param>
/// <param name="Line">The line (or record number) in that file.</param>
/// <param name="Fields">Field name and value pairs, in the file's order.</param>
public sealed record SourceRecord(string File, long Line, IReadOnlyList<KeyValuePair<string, string>> Fields);

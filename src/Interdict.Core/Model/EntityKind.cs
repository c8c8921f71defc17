namespace Interdict.Core.Model;

/// <summary>What kind of party a listed entity (or a screened name) is.</summary>
public enum EntityKind
{
    /// <summary>The kind is not known.</summary>
    Unknown = 0,

    /// <summary>A natural person.</summary>
    Person,

    /// <summary>A company, group, government body or other organisation.</summary>
    Organization,

    /// <summary>A ship.</summary>
    Vessel,

    /// <summary>An aircraft.</summary>
    Aircraft,
}

/// <summary>Parsing and naming of <see cref="EntityKind"/> values as they appear in input and output.</summary>
public static class EntityKinds
{
    /// <summary>The lower-case wire name of a kind: <c>person</c>, <c>organization</c>, <c>vessel</c>, <c>aircraft</c>, <c>unknown</c>.</summary>
    public static string ToWireName(this EntityKind kind) => kind switch
    {
        EntityKind.Person => "person",
        EntityKind.Organization => "organization",
        EntityKind.Vessel => "vessel",
        EntityKind.Aircraft => "aircraft",
        _ => "unknown",
    };

    /// <summary>
    /// Reads a kind from user input. Accepts the wire names and the usual synonyms
    /// (individual, entity, organisation, company, ship, plane).
    /// </summary>
    public static bool TryParse(string? text, out EntityKind kind)
    {
        kind = EntityKind.Unknown;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "person" or "individual" or "people" or "natural person":
                kind = EntityKind.Person;
                return true;
            case "organization" or "organisation" or "entity" or "company" or "org":
                kind = EntityKind.Organization;
                return true;
            case "vessel" or "ship":
                kind = EntityKind.Vessel;
                return true;
            case "aircraft" or "plane" or "airplane":
                kind = EntityKind.Aircraft;
                return true;
            default:
                return false;
        }
    }
}

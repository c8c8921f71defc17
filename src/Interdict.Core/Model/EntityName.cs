namespace Interdict.Core.Model;

/// <summary>How a name relates to the listed party.</summary>
public enum NameType
{
    /// <summary>The list's primary name.</summary>
    Primary = 0,

    /// <summary>Also known as.</summary>
    Aka,

    /// <summary>Formerly known as.</summary>
    Fka,

    /// <summary>Now known as.</summary>
    Nka,
}

/// <summary>How reliable the publisher considers an alias.</summary>
public enum AliasQuality
{
    /// <summary>The publisher does not say.</summary>
    Unknown = 0,

    /// <summary>A strong alias: sufficient on its own to identify the party.</summary>
    Strong,

    /// <summary>A weak alias (OFAC's "low quality a.k.a."): alone it may produce many false hits.</summary>
    Weak,
}

/// <summary>One name of a listed entity.</summary>
/// <param name="Value">The name as published.</param>
/// <param name="Type">Primary, a.k.a., f.k.a. or n.k.a.</param>
/// <param name="Quality">Strong or weak where the publisher says.</param>
/// <param name="Origin">Where in the source the name was found (e.g. <c>sdn.csv</c>, <c>alt.csv</c>, <c>remarks</c>).</param>
public sealed record EntityName(string Value, NameType Type, AliasQuality Quality, string Origin)
{
    /// <summary>The lower-case wire name of the name type.</summary>
    public string TypeName => Type switch
    {
        NameType.Primary => "primary",
        NameType.Aka => "aka",
        NameType.Fka => "fka",
        NameType.Nka => "nka",
        _ => "unknown",
    };
}

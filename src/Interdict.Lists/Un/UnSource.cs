namespace Interdict.Lists.Un;

/// <summary>The UN Security Council Consolidated List, XML format.</summary>
public static class UnSource
{
    /// <summary>The list id.</summary>
    public const string Id = "un";

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "UN Security Council Consolidated List",
        "United Nations Security Council",
        new Uri("https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
        "UN consolidated XML (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES; dateGenerated attribute)");
}

namespace Interdict.Lists.Ofac;

/// <summary>The OFAC Specially Designated Nationals and Blocked Persons list, legacy CSV format.</summary>
public static class OfacSdnSource
{
    /// <summary>The list id.</summary>
    public const string Id = "ofac-sdn";

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "OFAC Specially Designated Nationals and Blocked Persons List (SDN)",
        "US Department of the Treasury, Office of Foreign Assets Control",
        new Uri("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV"),
        "OFAC legacy CSV: sdn.csv, alt.csv, add.csv, sdn_comments.csv (Windows-1252, no header, -0- = empty)");
}

namespace Interdict.Lists.Ofac;

/// <summary>OFAC's consolidated (non-SDN) sanctions lists, in the same legacy CSV layout as the SDN list.</summary>
public static class OfacConsSource
{
    /// <summary>The list id.</summary>
    public const string Id = "ofac-cons";

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "OFAC Consolidated (non-SDN) Sanctions Lists",
        "US Department of the Treasury, Office of Foreign Assets Control",
        new Uri("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV"),
        "OFAC legacy CSV: cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv; or consolidated.xml");
}

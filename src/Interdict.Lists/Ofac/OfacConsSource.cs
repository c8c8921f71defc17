using Interdict.Core.Model;

namespace Interdict.Lists.Ofac;

/// <summary>OFAC's consolidated (non-SDN) sanctions lists, in the SDN list's legacy CSV layout (prefixed <c>cons_</c>), or XML.</summary>
public sealed class OfacConsSource : SourceDefinition
{
    /// <summary>The list id.</summary>
    public const string Id = "ofac-cons";

    private OfacConsSource()
    {
    }

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "OFAC Consolidated (non-SDN) Sanctions Lists",
        "US Department of the Treasury, Office of Foreign Assets Control",
        new Uri(OfacFiles.Exports + "CONS_PRIM.CSV"),
        "OFAC legacy CSV: cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv; or consolidated.xml");

    /// <summary>The definition listed in <see cref="ListSources.BuiltIn"/>.</summary>
    public static OfacConsSource Definition { get; } = new();

    /// <inheritdoc/>
    public override ListSource Source => Descriptor;

    /// <inheritdoc/>
    public override IReadOnlyList<DownloadFile> Downloads { get; } = OfacFiles.Downloads("cons_");

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Companions { get; } = OfacFiles.Companions("cons_");

    /// <inheritdoc/>
    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate) =>
        OfacFiles.Read(this, "cons_", files, publicationDate);
}

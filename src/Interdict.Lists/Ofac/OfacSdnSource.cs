using Interdict.Core.Model;

namespace Interdict.Lists.Ofac;

/// <summary>The OFAC Specially Designated Nationals and Blocked Persons list: legacy CSV (with companions), or XML.</summary>
public sealed class OfacSdnSource : SourceDefinition
{
    /// <summary>The list id.</summary>
    public const string Id = "ofac-sdn";

    private OfacSdnSource()
    {
    }

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "OFAC Specially Designated Nationals and Blocked Persons List (SDN)",
        "US Department of the Treasury, Office of Foreign Assets Control",
        new Uri(OfacFiles.Exports + "SDN.CSV"),
        "OFAC legacy CSV: sdn.csv, alt.csv, add.csv, sdn_comments.csv (Windows-1252, no header, -0- = empty)");

    /// <summary>The definition listed in <see cref="ListSources.BuiltIn"/>.</summary>
    public static OfacSdnSource Definition { get; } = new();

    /// <inheritdoc/>
    public override ListSource Source => Descriptor;

    /// <inheritdoc/>
    public override IReadOnlyList<DownloadFile> Downloads { get; } = OfacFiles.Downloads("");

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Companions { get; } = OfacFiles.Companions("");

    /// <inheritdoc/>
    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate) =>
        OfacFiles.Read(this, "", files, publicationDate);
}

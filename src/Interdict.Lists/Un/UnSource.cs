using Interdict.Core.Model;

namespace Interdict.Lists.Un;

/// <summary>The UN Security Council Consolidated List, XML format.</summary>
public sealed class UnSource : SourceDefinition
{
    /// <summary>The list id.</summary>
    public const string Id = "un";

    private UnSource()
    {
    }

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "UN Security Council Consolidated List",
        "United Nations Security Council",
        new Uri("https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
        "UN consolidated XML (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES; dateGenerated attribute)");

    /// <summary>The definition listed in <see cref="ListSources.BuiltIn"/>.</summary>
    public static UnSource Definition { get; } = new();

    /// <inheritdoc/>
    public override ListSource Source => Descriptor;

    /// <inheritdoc/>
    public override IReadOnlyList<DownloadFile> Downloads { get; } = [new("consolidated.xml", Descriptor.OfficialUrl)];

    /// <inheritdoc/>
    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate) =>
        UnMapper.Read(SourceFiles.Open(OnlyFile(files), publicationDate), Id);
}

using Interdict.Core.Model;

namespace Interdict.Lists.Uk;

/// <summary>The UK HM Treasury / OFSI Consolidated List, CSV format.</summary>
public sealed class UkOfsiSource : SourceDefinition
{
    /// <summary>The list id.</summary>
    public const string Id = "uk-ofsi";

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "UK OFSI Consolidated List of Financial Sanctions Targets",
        "HM Treasury, Office of Financial Sanctions Implementation",
        new Uri("https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"),
        "OFSI ConList CSV (Windows-1252; a 'Last Updated' line, a header, then one row per name variant grouped by Group ID)");

    private UkOfsiSource()
    {
    }

    /// <summary>The definition listed in <see cref="ListSources.BuiltIn"/>.</summary>
    public static UkOfsiSource Definition { get; } = new();

    /// <inheritdoc/>
    public override ListSource Source => Descriptor;

    /// <inheritdoc/>
    public override IReadOnlyList<DownloadFile> Downloads { get; } = [new("ConList.csv", Descriptor.OfficialUrl)];

    /// <inheritdoc/>
    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate) =>
        UkOfsiMapper.Read(SourceFiles.Open(OnlyFile(files), publicationDate), Id);
}

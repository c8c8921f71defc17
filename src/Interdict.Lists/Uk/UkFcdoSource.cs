using Interdict.Core.Model;

namespace Interdict.Lists.Uk;

/// <summary>The UK Sanctions List of the FCDO, as the service's summary export (.ods): names only.</summary>
public sealed class UkFcdoSource : SourceDefinition
{
    /// <summary>The list id.</summary>
    public const string Id = "uk-fcdo";

    /// <summary>What a hit on this list carries, for every place its hits are shown.</summary>
    public const string NamesOnly = Entity.NamesOnlyMark + ": the FCDO summary export publishes each designation's primary name, regime, type and date, no aliases, dates of birth or identifiers";

    /// <summary>The source descriptor.</summary>
    public static ListSource Descriptor { get; } = new(
        Id,
        "UK Sanctions List (FCDO), summary export",
        "UK Foreign, Commonwealth and Development Office",
        new Uri("https://www.gov.uk/government/publications/the-uk-sanctions-list"),
        "FCDO UK Sanctions List summary export (.ods, one sheet, one row per designation: Unique ID, OFSI Group ID, Name, Regime Name, Type, Designation source, Date Designated, Sanctions Imposed)");

    private UkFcdoSource()
    {
    }

    /// <summary>The definition listed in <see cref="ListSources.BuiltIn"/>.</summary>
    public static UkFcdoSource Definition { get; } = new();

    /// <inheritdoc/>
    public override ListSource Source => Descriptor;

    // The summary export is made on request by the FCDO's search service: no fixed address to fetch it from.

    /// <inheritdoc/>
    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate) =>
        UkFcdoMapper.Read(SourceFiles.Open(OnlyFile(files), publicationDate), Id);
}

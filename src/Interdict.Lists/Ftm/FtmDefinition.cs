using Interdict.Core.Model;

namespace Interdict.Lists.Ftm;

/// <summary>One FollowTheMoney dataset (<c>ftm:NAME</c>) as a source: imported, never fetched; read by <see cref="FtmSource"/>.</summary>
public sealed class FtmDefinition : SourceDefinition
{
    /// <summary>The definition of a well-formed <c>ftm:NAME</c> id; throws <see cref="ArgumentException"/> otherwise.</summary>
    public FtmDefinition(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Source = FtmSource.Invalid(id) is { } invalid ? throw new ArgumentException(invalid, nameof(id)) : FtmSource.Descriptor(id);
    }

    /// <inheritdoc/>
    public override ListSource Source { get; }

    /// <inheritdoc/>
    public override WatchList Read(IReadOnlyList<ListFileContent> files, DateOnly? publicationDate) =>
        FtmSource.Read(SourceFiles.Open(OnlyFile(files), publicationDate), Source.Id);
}

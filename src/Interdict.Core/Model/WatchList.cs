namespace Interdict.Core.Model;

/// <summary>One loaded version of a list: its entities and where they came from.</summary>
public sealed record WatchList
{
    /// <summary>Stable list id, e.g. <c>ofac-sdn</c>; never changes once published.</summary>
    public required string Id { get; init; }

    /// <summary>Human title, e.g. <c>OFAC Specially Designated Nationals (SDN) List</c>.</summary>
    public required string Title { get; init; }

    /// <summary>Publication date of the data (as-of date), when known.</summary>
    public DateOnly? PublicationDate { get; init; }

    /// <summary>The files the version was read from, with their content hashes.</summary>
    public IReadOnlyList<ListFile> Files { get; init; } = [];

    /// <summary>The entities, in source order.</summary>
    public required IReadOnlyList<Entity> Entities { get; init; }

    /// <summary>What loading noticed but did not fail on (skipped rows and why).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>A content hash of the whole version: the SHA-256 of its files' hashes, in order.</summary>
    public string ContentHash => Files.Count == 1
        ? Files[0].Sha256
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.ASCII.GetBytes(string.Join('\n', Files.Select(f => f.Sha256)))));
}

/// <summary>A file a list version was read from.</summary>
/// <param name="Name">File name, e.g. <c>sdn.csv</c>.</param>
/// <param name="Sha256">SHA-256 of the uncompressed bytes, lower-case hex.</param>
/// <param name="PublicationDate">The publication date of that file, when known.</param>
/// <param name="Records">Records read from it.</param>
public sealed record ListFile(string Name, string Sha256, DateOnly? PublicationDate, int Records);

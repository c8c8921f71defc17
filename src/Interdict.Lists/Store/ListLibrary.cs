using System.Globalization;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.Core.Store;
using Interdict.Lists.Bundled;

namespace Interdict.Lists.Store;

/// <summary>A version a command can use: a stored one, or the snapshot bundled with Interdict.</summary>
/// <param name="Source">The source id.</param>
/// <param name="Stored">The stored version; null for the bundled snapshot.</param>
/// <param name="PublicationDate">Its publication date.</param>
public sealed record VersionRef(string Source, StoredVersion? Stored, DateOnly? PublicationDate)
{
    /// <summary>How people name it: <c>v12</c> or <c>bundled</c>.</summary>
    public string Label => Stored is null ? "bundled" : $"v{Stored.Id}";
}

/// <summary>
/// The lists a command works with: the versions kept in a store, falling back to the bundled snapshot for sources that
/// have none. Imports parse a publication completely before anything is written, then add it in one transaction.
/// </summary>
public sealed class ListLibrary(IListStore? store)
{
    /// <summary>The store, when there is one.</summary>
    public IListStore? Store { get; } = store;

    /// <summary>
    /// Parses a publication and stores it as a new version (switching to it when <paramref name="makeCurrent"/>). Formats
    /// without a date of their own (OFAC's CSV files) take <paramref name="published"/>; without it they are refused.
    /// </summary>
    /// <param name="source">The source id.</param>
    /// <param name="files">The publication's files.</param>
    /// <param name="origin">Where they came from (path or URL), recorded with the version.</param>
    /// <param name="published">The publication date for formats that carry none.</param>
    /// <param name="makeCurrent">Switch to the new version.</param>
    /// <param name="check">A last check of the parsed list before anything is written: returns why it is refused, or null.</param>
    /// <param name="evenIfOlder">Put it in force even when the version in force (stored or bundled) was published later.</param>
    /// <param name="maxDrop">
    /// Refuse a version that would be put in force with more than this share fewer entities than the version in force
    /// (a file cut short, or the wrong file); null for no check.
    /// </param>
    public (WatchList List, AddResult Result) Import(string source, IReadOnlyList<ListFileContent> files, string origin, DateOnly? published, bool makeCurrent,
        Func<WatchList, string?>? check = null, bool evenIfOlder = false, double? maxDrop = null)
    {
        var store = RequireStore();
        ListSources.Get(source);
        var list = ListSources.Read(source, files, published);
        if (list.PublicationDate is null)
        {
            throw new ListFormatException(source, string.Join(", ", files.Select(f => f.Name)), null,
                "the files carry no publication date; give it (e.g. --published 2024-05-03)");
        }

        if (check?.Invoke(list) is { } refusal)
        {
            throw new ListRefusedException(source, refusal);
        }

        // The newest publication is in force unless the user says otherwise: an older one is stored beside it.
        var inForce = InForce(source);
        var switching = makeCurrent && (evenIfOlder || inForce.PublicationDate is not { } current || list.PublicationDate >= current);
        if (switching && maxDrop is { } drop)
        {
            if (DropRefusal(list, inForce, drop, "check the file (cut short? the wrong one?)") is { } dropped)
            {
                throw new ListRefusedException(source, dropped);
            }
        }

        var dated = files.Select(f => f with { PublicationDate = f.PublicationDate ?? list.PublicationDate }).ToList();
        return (list, store.Add(list, dated, origin, switching, evenIfOlder));
    }

    /// <summary>
    /// Why <paramref name="list"/> is refused for having more than <paramref name="maxDrop"/> fewer entities than
    /// <paramref name="inForce"/> (with <paramref name="advice"/> on what to check), or null when it has not.
    /// </summary>
    public string? DropRefusal(WatchList list, VersionRef inForce, double maxDrop, string advice)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inForce);
        // A source never imported (an FtM dataset) has nothing in force to shrink from.
        var before = inForce.Stored?.Entities ?? (IsBundled(inForce.Source) ? Load(inForce).Entities.Count : 0);
        return list.Entities.Count < before * (1 - maxDrop)
            ? string.Create(CultureInfo.InvariantCulture,
                $"the new file has {list.Entities.Count:N0} entities, {before - list.Entities.Count:N0} fewer than the {before:N0} of the version in force ({inForce.Label}), a drop of more than {maxDrop * 100:0.#}%; {advice}, or rerun with --force")
            : null;
    }

    /// <summary>The version in force for a source: the store's current one, else the bundled snapshot.</summary>
    public VersionRef InForce(string source) => Store?.Current(source) is { } v
        ? new VersionRef(source, v, v.PublicationDate)
        : new VersionRef(source, null, BundledPublicationDate(source));

    /// <summary>
    /// The version that was in force on <paramref name="date"/>: the newest stored or bundled version published on or
    /// before it. Throws <see cref="ArgumentException"/> naming the oldest available when none was.
    /// </summary>
    public VersionRef AsOf(string source, DateOnly date)
    {
        var candidates = Versions(source).Where(v => v.PublicationDate is { } p && p <= date).ToList();
        if (candidates.Count == 0)
        {
            var oldest = Versions(source).Select(v => v.PublicationDate).Min();
            throw new ArgumentException($"no version of {source} published on or before {date:yyyy-MM-dd} is stored (oldest: {oldest:yyyy-MM-dd}); import an older one with 'interdict lists import'");
        }

        // Among several of the same date, the last imported wins; a stored version beats the bundled snapshot.
        return candidates.OrderBy(v => v.PublicationDate).ThenBy(v => v.Stored?.Id ?? 0).Last();
    }

    /// <summary>Every version of a source: the bundled snapshot first (for the sources that have one), then the stored ones oldest first.</summary>
    public IReadOnlyList<VersionRef> Versions(string source) =>
        [.. IsBundled(source) ? [new VersionRef(source, null, BundledPublicationDate(source))] : Array.Empty<VersionRef>(),
            .. (Store?.Versions(source) ?? []).Select(v => new VersionRef(source, v, v.PublicationDate))];

    /// <summary>
    /// Every source this library screens by default: the supported ones (stored or bundled), then each FtM dataset with a
    /// version in force in the store, by id.
    /// </summary>
    public IReadOnlyList<string> Sources() =>
        [.. ListSources.Ids, .. (Store?.Versions() ?? []).Select(v => v.Source).Where(Ftm.FtmSource.IsFtm).Distinct(StringComparer.Ordinal)
            .Where(s => Store!.Current(s) is not null).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Finds a version by what a person types: <c>v12</c> or <c>12</c> (store number), <c>bundled</c>, <c>current</c>,
    /// or a publication date <c>YYYY-MM-DD</c> (the newest version of that date).
    /// </summary>
    public VersionRef Find(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t is "bundled")
        {
            return Versions(source)[0];
        }

        if (t is "current")
        {
            return InForce(source);
        }

        if (long.TryParse(t.TrimStart('v'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return Versions(source).FirstOrDefault(v => v.Stored?.Id == id)
                ?? throw new ArgumentException($"{source} has no stored version {t}; see 'interdict lists versions {source}'");
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return Versions(source).LastOrDefault(v => v.PublicationDate == date)
                ?? throw new ArgumentException($"{source} has no version published on {t}; see 'interdict lists versions {source}'");
        }

        throw new ArgumentException($"'{t}' is not a version: give v<number>, a publication date YYYY-MM-DD, 'bundled' or 'current'");
    }

    /// <summary>
    /// Reads a version's entities: the stored files re-parsed (or read from <see cref="ParsedListCache"/>, keyed by the
    /// version's content hash and its files' names, hashes and dates), or the bundled snapshot.
    /// </summary>
    public WatchList Load(VersionRef version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Stored is not { } v)
        {
            return IsBundled(version.Source)
                ? BundledLists.Load(version.Source)
                : throw new ArgumentException($"{version.Source} has no version in the list store; import one with 'interdict lists import FILE --source {version.Source}'");
        }

        var key = v.Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}:{f.Sha256}:{f.PublicationDate:yyyy-MM-dd}")).Prepend(v.ContentHash);
        return ParsedListCache.GetOrRead(version.Source, key, () => ListSources.Read(version.Source, RequireStore().Files(v.Id)));
    }

    private static DateOnly? BundledPublicationDate(string source) => IsBundled(source) ? BundledLists.PublicationDate(source) : null;

    private static bool IsBundled(string source) => BundledLists.Ids.Contains(source);

    private IListStore RequireStore() => Store ?? throw new InvalidOperationException("no list store is open");
}

/// <summary>A publication parsed fine but failed a sanity check (e.g. far fewer entities than the version in force).</summary>
public sealed class ListRefusedException : InterdictException
{
    /// <summary>Creates the exception.</summary>
    public ListRefusedException(string source, string reason)
        : base($"{source}: refused: {reason}")
    {
        Source = source;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ListRefusedException(string message)
        : base(message)
    {
        Source = Reason = "";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ListRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Source = Reason = "";
    }

    /// <summary>Creates the exception.</summary>
    public ListRefusedException()
    {
        Source = Reason = "";
    }

    /// <summary>The source id.</summary>
    public new string Source { get; }

    /// <summary>Why it was refused.</summary>
    public string Reason { get; }
}

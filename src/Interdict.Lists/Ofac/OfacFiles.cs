using Interdict.Core;
using Interdict.Core.Model;

namespace Interdict.Lists.Ofac;

/// <summary>
/// What OFAC's two sources share: the legacy CSV quartet (main, alt, add, comments; <c>cons_</c>-prefixed for the
/// non-SDN lists) at the Sanctions List Service's addresses, or one XML file.
/// </summary>
internal static class OfacFiles
{
    /// <summary>The Sanctions List Service's export address.</summary>
    public const string Exports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/";

    private static string Main(string prefix) => prefix.Length == 0 ? "sdn.csv" : "cons_prim.csv";

    private static string Comments(string prefix) => prefix.Length == 0 ? "sdn_comments.csv" : "cons_comments.csv";

    public static IReadOnlyList<DownloadFile> Downloads(string prefix) =>
    [
        new(Main(prefix), new Uri(Exports + Main(prefix).ToUpperInvariant())), new(prefix + "alt.csv", new Uri(Exports + (prefix + "alt.csv").ToUpperInvariant())),
        new(prefix + "add.csv", new Uri(Exports + (prefix + "add.csv").ToUpperInvariant())),
        new(Comments(prefix), new Uri(Exports + Comments(prefix).ToUpperInvariant()), Required: false),
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Companions(string prefix) =>
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { [Main(prefix)] = [prefix + "alt.csv", prefix + "add.csv", Comments(prefix)] };

    public static WatchList Read(SourceDefinition source, string prefix, IReadOnlyList<ListFileContent> files, DateOnly? publicationDate)
    {
        var id = source.Source.Id;
        var title = source.Source.Title;
        if (files.FirstOrDefault(f => SourceFiles.LooksLikeXml(f.Bytes)) is { } xml)
        {
            return OfacXmlMapper.Read(SourceFiles.Open(xml, publicationDate), id, title);
        }

        var main = SourceFiles.Find(files, Main(prefix)) ?? (files.Count == 1 ? files[0] : null)
            ?? throw new ListFormatException(id, string.Join(", ", files.Select(f => f.Name)), null, $"none of the files is {Main(prefix)} or an OFAC XML file");
        return OfacSdnMapper.Read(
            new OfacCsvFiles
            {
                Sdn = SourceFiles.Open(main, publicationDate),
                Alt = SourceFiles.Find(files, prefix + "alt.csv") is { } alt ? SourceFiles.Open(alt, publicationDate) : null,
                Add = SourceFiles.Find(files, prefix + "add.csv") is { } add ? SourceFiles.Open(add, publicationDate) : null,
                Comments = SourceFiles.Find(files, Comments(prefix)) is { } c ? SourceFiles.Open(c, publicationDate) : null,
            },
            id,
            title);
    }
}

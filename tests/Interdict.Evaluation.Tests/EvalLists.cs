using System.IO.Compression;
using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Bundled;

namespace Interdict.Evaluation.Tests;

/// <summary>
/// The lists the labelled sets were built from and are measured against: the bundled OFAC and UN lists, and the UK
/// OFSI list of 2018-04-13 (eval/data/lists), which was the bundled UK list when eval/make-devsets.py drew the sets. The
/// bundled UK list is OFSI's of 2025-04-14 since 2026-12-02 (with the FCDO's names-only export): its figures are in
/// docs/evaluation.md, "Lists of 2025".
/// </summary>
internal static class EvalLists
{
    private static readonly Lazy<WatchList> Uk2018 = new(() =>
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "devsets", "lists", "uk-ofsi-2018-04-13.csv.gz")), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return ListSources.Read("uk-ofsi", [new ListFileContent("sanctionsconlist.csv", bytes.ToArray())]);
    });

    /// <summary>The lists of the sets, by id: ofac-sdn, ofac-cons, un, uk-ofsi.</summary>
    public static WatchList Load(string id) => id == "uk-ofsi" ? Uk2018.Value : BundledLists.Load(id);

    /// <summary>Every list of the sets.</summary>
    public static IEnumerable<WatchList> All => new[] { "ofac-sdn", "ofac-cons", "un", "uk-ofsi" }.Select(Load);
}

using FsCheck;
using FsCheck.Fluent;
using Interdict.Core;
using Interdict.Core.Model;
using Interdict.TestKit;

namespace Interdict.Lists.Tests.Fuzz;

/// <summary>
/// Generated inputs (truncations, byte mutations, splices and random bytes) fed to every reader: each input either parses
/// or raises the documented <see cref="ListFormatException"/>; any other exception fails the property.
/// </summary>
public class ParserFuzzTests
{
    private static readonly (string Source, string Name, byte[] Bytes)[] Seeds =
    [
        ("ofac-sdn", "sdn.csv", Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv")),
        ("ofac-sdn", "IRGC_sanctions.xml", Fixtures.Bytes("ofac-xml/2024-08-28/IRGC_sanctions.xml")),
        ("ofac-cons", "cons_prim.csv", Fixtures.Bytes("ofac-cons/2025-12-19/cons_prim.csv")),
        ("ofac-cons", "consolidated.xml", Fixtures.Bytes("ofac-xml/2025-06-30/consolidated.xml")),
        ("un", "consolidated.xml", Fixtures.Bytes("un/2026-02-27/consolidated.xml")),
        ("uk-ofsi", "ConList.csv", Fixtures.Bytes("uk-ofsi/2018-04-13/sanctionsconlist.csv")),
        ("uk-ofsi", "ConList.xlsx", Fixtures.Bytes("uk-ofsi/2025-04-14/ConList.xlsx")),
        ("uk-fcdo", "FCDO_SL_summary.ods", Fixtures.Bytes("uk-fcdo/2025-11-19/FCDO_SL_summary.ods")),
        ("ftm:fixture", "entities.ftm.json", Fixtures.Bytes("ftm/entities.ftm.json")),
        ("ofac-cons", "CONS.ZIP", Zipped("consolidated.xml", Fixtures.Bytes("ofac-xml/2025-06-30/consolidated.xml"))),
    ];

    private static byte[] Zipped(string member, byte[] bytes)
    {
        using var zipped = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(member).Open();
            stream.Write(bytes);
        }

        return zipped.ToArray();
    }

    private static readonly byte[] Interesting = "<>/\"',;\r\n\x1a&]-0-".Select(c => (byte)c).Concat(new byte[] { 0, 0xC3, 0xFF }).ToArray();

    // 300 cases per property in CI; set INTERDICT_FUZZ_RUNS for a longer local campaign.
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(
        int.TryParse(Environment.GetEnvironmentVariable("INTERDICT_FUZZ_RUNS"), System.Globalization.CultureInfo.InvariantCulture, out var runs) ? runs : 300);

    [Fact]
    public void Truncated_ParsesOrRaisesTheFormatError() =>
        Check.One(Config, Prop.ForAll<NonNegativeInt, NonNegativeInt>((seed, cut) =>
        {
            var (source, name, bytes) = Seeds[seed.Get % Seeds.Length];
            return ParsesOrFormatError(source, name, bytes[..(cut.Get % (bytes.Length + 1))]);
        }));

    [Fact]
    public void Mutated_ParsesOrRaisesTheFormatError() =>
        Check.One(Config, Prop.ForAll<NonNegativeInt, (NonNegativeInt Position, byte Value, bool Special)[]>((seed, mutations) =>
        {
            var (source, name, original) = Seeds[seed.Get % Seeds.Length];
            var bytes = (byte[])original.Clone();
            foreach (var (position, value, special) in mutations)
            {
                bytes[position.Get % bytes.Length] = special ? Interesting[value % Interesting.Length] : value;
            }

            return ParsesOrFormatError(source, name, bytes);
        }));

    [Fact]
    public void Spliced_ParsesOrRaisesTheFormatError() =>
        Check.One(Config, Prop.ForAll<NonNegativeInt, NonNegativeInt, (NonNegativeInt Length, NonNegativeInt To)>((seed, from, where) =>
        {
            var (length, to) = where;
            // A slice of the file copied elsewhere in it: duplicated records, half-open elements, split quotes.
            var (source, name, bytes) = Seeds[seed.Get % Seeds.Length];
            var start = from.Get % bytes.Length;
            var slice = bytes.AsSpan(start, Math.Min(length.Get % 4000, bytes.Length - start)).ToArray();
            var at = to.Get % bytes.Length;
            return ParsesOrFormatError(source, name, [.. bytes[..at], .. slice, .. bytes[at..]]);
        }));

    [Fact]
    public void RandomBytes_ParseOrRaiseTheFormatError() =>
        Check.One(Config, Prop.ForAll<NonNegativeInt, byte[]>((seed, bytes) =>
            ParsesOrFormatError(Seeds[seed.Get % Seeds.Length].Source, Seeds[seed.Get % Seeds.Length].Name, bytes)));

    [Fact]
    public void EverySeed_ParsesUnmutated()
    {
        foreach (var (source, name, bytes) in Seeds)
        {
            ListSources.Read(source, [new ListFileContent(name, bytes, new DateOnly(2024, 1, 1))]).Entities.ShouldNotBeEmpty();
        }
    }

    private static bool ParsesOrFormatError(string source, string name, byte[] bytes)
    {
        try
        {
            var list = ListSources.Read(source, [new ListFileContent(name, bytes, new DateOnly(2024, 1, 1))]);
            return list.Entities.All(e => e.Id.StartsWith(source + ":", StringComparison.Ordinal) && e.Name.Length > 0);
        }
        catch (ListFormatException ex)
        {
            return ex.Message.Length > 0 && ex.ListId == source;
        }
    }
}

/// <summary>
/// Issue #19: fuzzing extended to OFAC's companion files (alt, add, comments, mutated beside an intact sdn.csv) and to
/// custom watchlists. Each input parses or raises the documented <see cref="ListFormatException"/>; a custom watchlist
/// that parses has no row merged into another's field (a quote left open is an error, never a merge of rows).
/// </summary>
public class CompanionAndWatchlistFuzzTests
{
    private static readonly string[] Companions = ["alt.csv", "add.csv", "sdn_comments.csv"];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(
        int.TryParse(Environment.GetEnvironmentVariable("INTERDICT_FUZZ_RUNS"), System.Globalization.CultureInfo.InvariantCulture, out var runs) ? runs : 200);

    private static readonly byte[] Interesting = "\"',;\r\n\x1a-0-".Select(c => (byte)c).Concat(new byte[] { 0, 0xC3, 0xFF }).ToArray();

    [Fact]
    public void MutatedCompanionFiles_ParseOrRaiseTheFormatError() =>
        Check.One(Config, Prop.ForAll<NonNegativeInt, (NonNegativeInt Position, byte Value, bool Special)[], NonNegativeInt>((which, mutations, cut) =>
        {
            var companion = Companions[which.Get % Companions.Length];
            var bytes = Fixtures.Bytes($"ofac-sdn/2024-05-03/{companion}");
            foreach (var (position, value, special) in mutations)
            {
                bytes[position.Get % bytes.Length] = special ? Interesting[value % Interesting.Length] : value;
            }

            bytes = cut.Get % 3 == 0 ? bytes[..(cut.Get % (bytes.Length + 1))] : bytes;
            try
            {
                var list = ListSources.Read("ofac-sdn",
                [
                    new ListFileContent("sdn.csv", Fixtures.Bytes("ofac-sdn/2024-05-03/sdn.csv"), new DateOnly(2024, 5, 3)),
                    new ListFileContent(companion, bytes, new DateOnly(2024, 5, 3)),
                ]);
                return list.Entities.Count > 0;
            }
            catch (ListFormatException ex)
            {
                return ex.ListId == "ofac-sdn" && ex.Message.Contains(companion, StringComparison.Ordinal);
            }
        }));

    [Fact]
    public void GeneratedWatchlists_ParseWithEveryRow_OrRaiseTheFormatError() =>
        Check.One(Config, Prop.ForAll<(NonNegativeInt Id, string? Name, string? Alias)[], NonNegativeInt, byte>((rows, at, inserted) =>
        {
            var lines = rows.Select((r, i) => $"w{i},{Quote(r.Name)},{Quote(r.Alias)}").ToList();
            var text = "id,name,aliases\n" + string.Join("\n", lines) + "\n";
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            if (bytes.Length > 20 && at.Get % 2 == 0)
            {
                // A stray byte somewhere: a quote, a comma, a line break or anything else.
                bytes[20 + (at.Get % (bytes.Length - 20))] = Interesting[inserted % Interesting.Length];
            }

            try
            {
                var list = Interdict.Lists.Custom.CustomListReader.Read(new MemoryStream(bytes), "watch.csv", "watch");
                // No row was merged into another's field (a merged row shows as a line break followed by its id).
                return list.Entities.All(e => e.Names.All(n => !System.Text.RegularExpressions.Regex.IsMatch(n.Value, @"[\r\n]w[0-9]+,")));
            }
            catch (ListFormatException ex)
            {
                return ex.ListId == "watch" && ex.Message.Contains("watch.csv", StringComparison.Ordinal);
            }
        }));

    // A field as a careful writer quotes it: always quoted, quotes doubled, never empty (a name is required).
    private static string Quote(string? value)
    {
        var v = string.IsNullOrWhiteSpace(value) ? "x" : value.Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

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
    ];

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

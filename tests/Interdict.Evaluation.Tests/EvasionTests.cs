using System.Globalization;
using System.Text;
using CsvHelper;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Bundled;

namespace Interdict.Evaluation.Tests;

/// <summary>
/// Issue #19's evasion suite: listed names, written as an adversary would write them to slip past a filter (invisible
/// characters, look-alike letters of other scripts, full-width and mathematical letters, punctuation or spaces between
/// letters, odd spacing and case), must still find their own record at the default threshold. The sample is every 20th
/// name of the OFAC SDN list's people and organisations (eval/data/sdn-*.queries.csv); before the fix a byte-order mark
/// alone let 61% of listed names through.
/// </summary>
public class EvasionTests
{
    private static readonly Lazy<ScreeningEngine> Sdn = new(() => new ScreeningEngine([BundledLists.Load("ofac-sdn")]));

    private static readonly Lazy<List<(string Id, string Name, EntityKind Kind)>> Sample = new(() =>
        [.. Read("sdn-people", EntityKind.Person).Concat(Read("sdn-organizations", EntityKind.Organization)).Where((_, i) => i % 20 == 0)]);

    // Latin letters and the Cyrillic or Greek letter drawn like each.
    private static readonly Dictionary<char, char> Cyrillic = new()
    {
        ['a'] = 'а', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['c'] = 'с', ['x'] = 'х', ['y'] = 'у', ['i'] = 'і', ['s'] = 'ѕ', ['j'] = 'ј',
        ['A'] = 'А', ['E'] = 'Е', ['O'] = 'О', ['P'] = 'Р', ['C'] = 'С', ['X'] = 'Х', ['H'] = 'Н', ['K'] = 'К', ['M'] = 'М', ['T'] = 'Т', ['B'] = 'В',
        ['I'] = 'І', ['S'] = 'Ѕ', ['J'] = 'Ј',
    };

    private static readonly Dictionary<char, char> Greek = new()
    {
        ['o'] = 'ο', ['a'] = 'α', ['v'] = 'ν', ['i'] = 'ι', ['k'] = 'κ',
        ['A'] = 'Α', ['B'] = 'Β', ['E'] = 'Ε', ['Z'] = 'Ζ', ['H'] = 'Η', ['I'] = 'Ι', ['K'] = 'Κ', ['M'] = 'Μ', ['N'] = 'Ν', ['O'] = 'Ο',
        ['P'] = 'Ρ', ['T'] = 'Τ', ['Y'] = 'Υ', ['X'] = 'Χ',
    };

    public static TheoryData<string> Evasions => [.. Transforms.Keys];

    private static readonly Dictionary<string, Func<string, string>> Transforms = new()
    {
        ["byte-order mark appended"] = n => n + "\uFEFF",
        ["byte-order mark first"] = n => "\uFEFF" + n,
        ["Arabic letter mark inside a word"] = n => InsideEachWord(n, "\u061C"),
        ["zero-width space inside each word"] = n => InsideEachWord(n, "\u200B"),
        ["zero-width joiner inside each word"] = n => InsideEachWord(n, "\u200D"),
        ["word joiner and soft hyphen inside each word"] = n => InsideEachWord(n, "\u2060\u00AD"),
        ["right-to-left override around the name"] = n => "\u202E" + n + "\u202C",
        ["directional isolates around each word"] = n => string.Join(' ', n.Split(' ').Select(w => "\u2067" + w + "\u2069")),
        ["Cyrillic look-alike letters"] = n => Swap(n, Cyrillic),
        ["Greek look-alike letters"] = n => Swap(n, Greek),
        ["full-width letters"] = n => Map(n, c => c is >= '!' and <= '~' ? ((char)(c - '!' + '\uFF01')).ToString() : c.ToString()),
        ["mathematical bold letters"] = n => Map(n, c => char.IsAsciiLetterUpper(c) ? char.ConvertFromUtf32(0x1D400 + c - 'A') : char.IsAsciiLetterLower(c) ? char.ConvertFromUtf32(0x1D41A + c - 'a') : c.ToString()),
        ["dots between letters"] = n => BetweenLetters(n, "."),
        ["hyphens between letters"] = n => BetweenLetters(n, "-"),
        ["spaces between letters, two between words"] = n => string.Join("  ", n.Split(' ').Select(w => string.Join(' ', w.ToCharArray()))),
        ["no-break and ideographic spaces, tabs"] = n => n.Replace(" ", "\u00A0\t\u3000", StringComparison.Ordinal),
        ["alternating case"] = n => Map(n, (c, i) => (i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToString()),
        ["strike-through combining marks"] = n => Map(n, c => char.IsAsciiLetter(c) ? c + "\u0336" : c.ToString()),
    };

    [Theory]
    [MemberData(nameof(Evasions))]
    public void ListedNames_WrittenEvasively_StillFindTheirRecord(string evasion)
    {
        var engine = Sdn.Value;
        var transform = Transforms[evasion];
        var sample = Sample.Value;
        sample.Count.ShouldBeGreaterThan(500);
        var missed = sample.AsParallel()
            .Where(n => engine.Screen(new ScreeningQuery { Name = n.Name, Kind = n.Kind }).Hits.Any(h => h.EntityId == n.Id))
            .Where(n => !engine.Screen(new ScreeningQuery { Name = transform(n.Name), Kind = n.Kind }).Hits.Any(h => h.EntityId == n.Id))
            .Select(n => $"{n.Id} {transform(n.Name)}")
            .ToList();
        missed.ShouldBeEmpty();
    }

    [Fact]
    public void SoleimaniWithAByteOrderMark_IsFound()
    {
        // The reproduction of issue #19: U+FEFF sent the whole name down the Arabic-script path and nothing was found.
        var hits = Sdn.Value.Screen(new ScreeningQuery { Name = "Qassem Soleimani\uFEFF" }).Hits;
        hits.ShouldContain(h => h.EntityId == "ofac-sdn:10481");
        Sdn.Value.Screen(new ScreeningQuery { Name = "Q.a.s.s.e.m S.o.l.e.i.m.a.n.i" }).Hits.ShouldContain(h => h.EntityId == "ofac-sdn:10481");
        Sdn.Value.Screen(new ScreeningQuery { Name = "Q-a-s-s-e-m Soleimani" }).Hits.ShouldContain(h => h.EntityId == "ofac-sdn:10481");
    }

    private static string InsideEachWord(string name, string mark) =>
        string.Join(' ', name.Split(' ').Select(w => w.Length < 2 ? w : w[..(w.Length / 2)] + mark + w[(w.Length / 2)..]));

    private static string BetweenLetters(string name, string mark) =>
        string.Join(' ', name.Split(' ').Select(w => string.Join(mark, w.ToCharArray())));

    private static string Swap(string name, Dictionary<char, char> table) => Map(name, c => table.TryGetValue(c, out var s) ? s.ToString() : c.ToString());

    private static string Map(string name, Func<char, string> f) => Map(name, (c, _) => f(c));

    private static string Map(string name, Func<char, int, string> f)
    {
        var b = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            b.Append(f(name[i], i));
        }

        return b.ToString();
    }

    private static List<(string Id, string Name, EntityKind Kind)> Read(string set, EntityKind kind)
    {
        using var csv = new CsvReader(new StreamReader(Path.Combine(AppContext.BaseDirectory, "devsets", set + ".queries.csv")), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<(string, string, EntityKind)>();
        while (csv.Read())
        {
            rows.Add(($"ofac-sdn:{csv.GetField("id")}", csv.GetField("name")!, kind));
        }

        return rows;
    }
}

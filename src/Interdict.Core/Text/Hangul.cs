using System.Text;

namespace Interdict.Core.Text;

/// <summary>
/// Romanises Hangul syllables as the sanctions lists spell North Korean names, one name part per syllable
/// (<c>김정은</c> → <c>kim jong un</c>); the letters' romanisations are in <c>Data/hangul.tsv</c>. Matcher 1.4.0 and later.
/// </summary>
internal static class Hangul
{
    private const char First = '\uAC00';
    private const char Last = '\uD7A3';
    private const int Vowels = 21;
    private const int Finals = 28;

    private static readonly Lazy<(string[] Initials, string[] Vowels, string[] Finals)> Table = new(Load);

    /// <summary>Whether the text holds a Hangul syllable.</summary>
    public static bool Contains(string text) => text.AsSpan().ContainsAnyInRange(First, Last);

    /// <summary>
    /// The text with each Hangul syllable replaced by its romanisation between spaces; everything else is kept as it is
    /// (for <see cref="NameNormalizer"/> to fold).
    /// </summary>
    public static string Romanise(string text)
    {
        var (initials, vowels, finals) = Table.Value;
        var builder = new StringBuilder(text.Length * 4);
        foreach (var c in text)
        {
            if (c is >= First and <= Last)
            {
                var index = c - First;
                builder.Append(' ')
                    .Append(initials[index / (Vowels * Finals)])
                    .Append(vowels[index % (Vowels * Finals) / Finals])
                    .Append(finals[index % Finals])
                    .Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static (string[], string[], string[]) Load()
    {
        var initials = new string?[19];
        var vowels = new string?[Vowels];
        var finals = new string?[Finals];
        finals[0] = string.Empty;
        foreach (var f in ReferenceData.ReadTsv("hangul.tsv"))
        {
            var table = f[0] switch
            {
                "initial" => initials,
                "vowel" => vowels,
                "final" => finals,
                _ => throw new InvalidDataException($"hangul.tsv: unknown part '{f[0]}'"),
            };
            table[int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)] = f[3] == "-" ? string.Empty : f[3];
        }

        if (initials.Contains(null) || vowels.Contains(null) || finals.Contains(null))
        {
            throw new InvalidDataException("hangul.tsv: a letter has no romanisation");
        }

        return (initials.Select(s => s!).ToArray(), vowels.Select(s => s!).ToArray(), finals.Select(s => s!).ToArray());
    }
}

using System.Globalization;
using System.Text;

namespace Interdict.Core.Text;

/// <summary>
/// The first step for every name, queried or listed, before anything reads it: what a person cannot see cannot change
/// what is screened. Compatibility forms are unified (full-width and mathematical letters become plain ones), format and
/// control characters (byte-order marks, directional marks and isolates, joiners, soft hyphens) are removed, every kind of
/// space becomes a plain space, and in a word written mostly in Latin letters the Cyrillic and Greek letters that look
/// like Latin ones are read as those (<c>Sоleimani</c> with a Cyrillic о is Soleimani).
/// </summary>
/// <remarks>
/// A zero-width non-joiner between two Arabic-script letters is kept: Persian writes the parts of a compound with it, and
/// the Arabic-script reading separates words there. Anywhere else it is removed like any other invisible character.
/// </remarks>
public static class NameSanitizer
{
    // Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables, the letters of these two scripts that an
    // ordinary font cannot tell from Latin). Applied only inside words that also have Latin letters, or whose every
    // letter is such a look-alike in a name otherwise written in Latin.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'B', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['м'] = 'M',
        ['н'] = 'H', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['т'] = 'T', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['ԁ'] = 'd', ['ԛ'] = 'q',
        ['ԝ'] = 'w', ['ӏ'] = 'l', ['ɡ'] = 'g',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['Ё'] = 'E', ['І'] = 'I', ['Ї'] = 'I', ['Ј'] = 'J', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H',
        ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['Ѕ'] = 'S', ['Ԁ'] = 'D', ['Ԛ'] = 'Q', ['Ԝ'] = 'W',
        ['Ӏ'] = 'I',
        // Greek
        ['α'] = 'a', ['ο'] = 'o', ['ρ'] = 'p', ['ν'] = 'v', ['ι'] = 'i', ['κ'] = 'k', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ϳ'] = 'j',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O',
        ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
    };

    private static readonly System.Buffers.SearchValues<char> LookAlikeLetters = System.Buffers.SearchValues.Create([.. LookAlikes.Keys]);

    /// <summary>
    /// The name as a reader sees it: unified compatibility forms, no invisible characters, plain spaces, look-alike
    /// letters read as the script of their word. Text that needs none of this is returned as it is.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IsPlain(text))
        {
            return text;
        }

        var compatible = IsNormalizedKC(text) ? text : text.Normalize(NormalizationForm.FormKC);
        var b = new StringBuilder(compatible.Length);
        for (var i = 0; i < compatible.Length; i++)
        {
            var c = compatible[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (c == '\u200C' && i > 0 && i + 1 < compatible.Length && IsArabicScriptLetter(compatible[i - 1]) && IsArabicScriptLetter(compatible[i + 1]))
            {
                b.Append(c);
            }
            else if (category is UnicodeCategory.Format or UnicodeCategory.Control)
            {
                // Tabs and line breaks separate words; every other control or format character is invisible and goes.
                if (c is '\t' or '\n' or '\r' or '\v' or '\f' or '\u0085')
                {
                    b.Append(' ');
                }
            }
            else if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                b.Append(' ');
            }
            else if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark && b.Length > 0 && char.IsAscii(b[^1]) && IsCombiningOverlay(c))
            {
                // Combining marks drawn over or through a Latin letter (U+0336 long stroke, U+20D2 long vertical line):
                // decoration, not a letter of the name.
            }
            else
            {
                b.Append(c);
            }
        }

        return ReadLookAlikes(b.ToString());
    }

    /// <summary>
    /// True when most of the name's letters are Arabic-script (Arabic, Persian, Urdu, Pashto) or Hebrew letters: the
    /// script is read from the letters of the words, not from any code point (a byte-order mark, U+FEFF, lies in an
    /// Arabic presentation block but is no letter).
    /// </summary>
    /// <param name="text">The name, cleaned.</param>
    /// <param name="hebrew">Whether Hebrew letters count with Arabic-script ones (matcher 1.4.0 and later).</param>
    public static bool IsMostlyArabicOrHebrewScript(string text, bool hebrew = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        int script = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (IsArabicScriptLetter(c) || (hebrew && IsHebrewLetter(c)))
            {
                script++;
            }
            else
            {
                other++;
            }
        }

        return script > 0 && script >= other;
    }

    /// <summary>True for a letter of the Arabic script blocks (incl. its supplement and presentation forms).</summary>
    public static bool IsArabicScriptLetter(char c) =>
        char.IsLetter(c) && c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF') or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFE');

    /// <summary>True for a Hebrew letter.</summary>
    public static bool IsHebrewLetter(char c) => c is (>= '\u05D0' and <= '\u05EA') or (>= '\uFB1D' and <= '\uFB4F');

    /// <summary>
    /// The cleaned name with every word made only of letters drawn like Latin ones (and Latin letters) read as Latin, in
    /// whatever name: <c>ΤΕΜΡΒΑΝΚ</c> in Greek capitals is TEMPBANK. A second reading, screened beside the first, since
    /// such a word may also be meant in its own script. Null when no word changes.
    /// </summary>
    public static string? LatinLookAlikeReading(string cleaned)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        if (!cleaned.AsSpan().ContainsAny(LookAlikeLetters))
        {
            return null;
        }

        var words = cleaned.Split(' ');
        var changed = false;
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            if (word.Any(LookAlikes.ContainsKey) && word.All(c => !char.IsLetter(c) || char.IsAsciiLetter(c) || LookAlikes.ContainsKey(c)))
            {
                words[w] = ToLatin(word);
                changed = true;
            }
        }

        return changed ? string.Join(' ', words) : null;
    }

    // The word with each look-alike letter replaced by the Latin letter it is drawn as.
    private static string ToLatin(string word) => string.Create(word.Length, word, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = LookAlikes.TryGetValue(source[i], out var latin) ? latin : source[i];
        }
    });

    // Printable ASCII needs nothing (the common case, kept cheap).
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    // Whether the text is in NFKC, without asking ICU when every character is one that NFKC keeps as it is whatever
    // surrounds it (quick check Yes, combining class 0: UAX #15's quick check answers Yes for a string of them): the
    // letters of the scripts names are written in. Asking ICU cost 7% of screening a Cyrillic name.
    internal static bool IsNormalizedKC(string text)
    {
        foreach (var c in text)
        {
            if (!IsInertUnderNfkc(c))
            {
                return text.IsNormalized(NormalizationForm.FormKC);
            }
        }

        return true;
    }

    // Letters that neither change under NFKC nor combine with a neighbour (tested one by one and in pairs against ICU by
    // NameSanitizerTests): ASCII, Latin-1 and Latin Extended-A letters (not the ligatures and ŉ ſ), basic Greek,
    // Cyrillic, Armenian, Hebrew, Arabic and Persian letters (not the compatibility forms ٵ–ٸ), Georgian, kana, Han,
    // Hangul syllables, and the zero-width non-joiner.
    internal static bool IsInertUnderNfkc(char c) => c switch
    {
        >= ' ' and <= '~' => true,
        >= '\u00C0' and <= '\u00FF' => true,
        '\u0132' or '\u0133' or '\u013F' or '\u0140' or '\u0149' or '\u017F' => false,
        >= '\u0100' and <= '\u017F' => true,
        >= '\u0391' and <= '\u03A9' => c != '\u03A2',
        >= '\u03B1' and <= '\u03C9' => true,
        >= '\u0400' and <= '\u045F' => true,
        >= '\u0531' and <= '\u0556' => true,
        >= '\u0561' and <= '\u0586' => true,
        >= '\u05D0' and <= '\u05EA' => true,
        >= '\u0621' and <= '\u063A' => true,
        >= '\u0641' and <= '\u064A' => true,
        '\u0679' or '\u067E' or '\u0686' or '\u0688' or '\u0691' or '\u0698' or '\u06A9' or '\u06AF' or '\u06BA' or '\u06BE' or '\u06C0' or '\u06C1' or '\u06CC' or '\u06D2' => true,
        >= '\u10D0' and <= '\u10FA' => true,
        >= '\u3041' and <= '\u3096' => true,
        >= '\u30A1' and <= '\u30FA' => true,
        >= '\u4E00' and <= '\u9FFF' => true,
        >= '\uAC00' and <= '\uD7A3' => true,
        '\u200C' => true,
        _ => false,
    };

    private static bool IsCombiningOverlay(char c) => c is (>= '\u0334' and <= '\u0338') or (>= '\u20D2' and <= '\u20D3') or (>= '\u20D8' and <= '\u20DA') or '\u20E5' or '\u20E6' or '\u20EA';

    // In each word: when it mixes Latin letters with Cyrillic or Greek look-alikes, or is made only of look-alikes in a
    // name whose other words are Latin, the look-alikes are read as the Latin letters they are drawn as.
    private static string ReadLookAlikes(string text)
    {
        if (!text.AsSpan().ContainsAny(LookAlikeLetters))
        {
            return text;
        }

        var words = text.Split(' ');
        var latinName = words.Any(w => w.Any(char.IsAsciiLetter) && !w.Any(c => char.IsLetter(c) && !char.IsAsciiLetter(c) && !LookAlikes.ContainsKey(c)));
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            bool latin = false, allLookAlike = true, any = false;
            foreach (var c in word)
            {
                if (!char.IsLetter(c))
                {
                    continue;
                }

                any = true;
                if (char.IsAsciiLetter(c))
                {
                    latin = true;
                }
                else if (!LookAlikes.ContainsKey(c))
                {
                    allLookAlike = false;
                }
            }

            // A word of Latin letters and look-alikes (and perhaps other foreign letters, read as they are), or of
            // look-alikes only in a name otherwise Latin.
            if (any && (latin || (allLookAlike && latinName)))
            {
                words[w] = ToLatin(word);
            }
        }

        return string.Join(' ', words);
    }
}

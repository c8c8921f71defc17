using System.Buffers;
using System.Text;
using AnyAscii;

namespace Interdict.Core.Text;

/// <summary>
/// Folds a name to lower-case ASCII tokens: Unicode compatibility forms are unified, non-Latin scripts are transliterated,
/// diacritics and case are removed, apostrophes are dropped inside words (KATA'IB = Kataib) and every other
/// punctuation mark separates words. The result does not depend on the current culture.
/// </summary>
public static class NameNormalizer
{
    // Apostrophe-like marks join the letters around them; after transliteration most arrive as ASCII ' or `.
    private static readonly SearchValues<char> Apostrophes = SearchValues.Create("'`\u00B4\u2018\u2019\u02BC\u02BB\u02BE\u02BF");

    /// <summary>Returns the folded form: lower-case ASCII letters and digits in words separated by single spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var compatible = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var ascii = IsAscii(compatible) ? compatible : compatible.Transliterate();

        var builder = new StringBuilder(ascii.Length);
        var pendingSpace = false;
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (!Apostrophes.Contains(c))
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Splits a name into folded tokens.</summary>
    public static string[] Tokenize(string? text)
    {
        var folded = Fold(text);
        return folded.Length == 0 ? [] : folded.Split(' ');
    }

    private static bool IsAscii(string text) => Ascii.IsValid(text);
}

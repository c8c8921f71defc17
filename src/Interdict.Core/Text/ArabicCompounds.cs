using System.Collections.Frozen;

namespace Interdict.Core.Text;

/// <summary>
/// Reads Arabic compound names with an article into the same two parts however they are romanised: 'Abd al-Rahman,
/// Abdelrahman, Abdul Rahman, Abdurrahman and Abdirahman are all <c>abd rahman</c>; Nur al-Din, Nour Eldin and
/// Nureddin are <c>nur din</c>. The forms are reference data: <c>Data/arabic-compounds.tsv</c>. Matcher 1.5.0 and later.
/// </summary>
internal static class ArabicCompounds
{
    private const string Abd = "abd";
    private const string Din = "din";

    // The name after a joined abd must be this long: "Abdelhak" is abd hak, "Abdulla" is Abdullah.
    private const int MinRest = 3;

    private static readonly Lazy<Forms> Loaded = new(Load);

    /// <summary>
    /// The folded tokens of a name with its compounds read as two parts each (<c>abdul aziz</c>, <c>abdulaziz</c> and
    /// <c>abd al aziz</c> → <c>abd aziz</c>); the same array when the name has none.
    /// </summary>
    public static string[] Split(string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        // Until nothing more is read, so that a part a compound leaves is read too ("abdulnureddin": abd, nur, din) and
        // reading a name twice gives what reading it once gives. Each pass shortens a part or drops an article.
        var forms = Loaded.Value;
        while (SplitOnce(tokens, forms) is var next && !ReferenceEquals(next, tokens))
        {
            tokens = next;
        }

        return tokens;
    }

    private static string[] SplitOnce(string[] tokens, Forms forms)
    {
        List<string>? result = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var next = i + 1 < tokens.Length ? tokens[i + 1] : null;
            string[]? read = null;
            var used = 1;
            if (t == Abd && next is not null && forms.Articles.Contains(next) && i + 2 < tokens.Length && !forms.Articles.Contains(tokens[i + 2]))
            {
                // abd al aziz: the article goes, the name after it stays a part of its own.
                read = [Abd];
                used = 2;
            }
            else if (forms.AbdArticles.Contains(t) && next is not null && !forms.Articles.Contains(next))
            {
                read = [Abd]; // abdul aziz
            }
            else if (JoinedAbd(t, forms) is { } rest)
            {
                read = [Abd, rest]; // abdulaziz, abdurrahman, abdirahman
            }
            else if (next is not null && forms.Articles.Contains(next) && i + 2 < tokens.Length && forms.Din.Contains(tokens[i + 2]))
            {
                read = [t, Din]; // nur al din
                used = 3;
            }
            else if (next is not null && forms.IsDinArticle(next))
            {
                read = [t, Din]; // nour eldin
                used = 2;
            }
            else if (JoinedDin(t, forms) is { } first)
            {
                read = [first, Din]; // nureddin
            }

            if (read is null)
            {
                result?.Add(t);
                continue;
            }

            result ??= [.. tokens.AsSpan(0, i)];
            result.AddRange(read);
            i += used - 1;
        }

        return result is null ? tokens : [.. result];
    }

    /// <summary>
    /// A word written in Arabic script with its compound read as two words, as <see cref="Split"/> reads their
    /// romanisations: عبدالرحمن → عبد, رحمن; نورالدين → نور, دين (the article goes, as at the start of any word);
    /// عبدالله (Abdullah) stays whole.
    /// </summary>
    public static IEnumerable<string> SplitScriptWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        const string abd = "عبدال";
        const string din = "الدين";
        if (word.Length > abd.Length + 2 && word.StartsWith(abd, StringComparison.Ordinal) && word[abd.Length..] is not ("له" or "لة"))
        {
            return ["عبد", word[abd.Length..]];
        }

        if (word.Length > din.Length + 1 && word.EndsWith(din, StringComparison.Ordinal))
        {
            return [word[..^din.Length], "دين"];
        }

        return [word];
    }

    // The name joined after abd and its article or linking vowel ("abdulaziz" → "aziz"), or null.
    private static string? JoinedAbd(string token, Forms forms)
    {
        if (token.Length <= Abd.Length + MinRest || !token.StartsWith(Abd, StringComparison.Ordinal))
        {
            return null;
        }

        // Longest prefix first: "abdoul" before "abdou".
        foreach (var (prefix, kind) in forms.AbdPrefixes)
        {
            if (!token.StartsWith(prefix, StringComparison.Ordinal) || token.Length - prefix.Length < MinRest)
            {
                continue;
            }

            var rest = token[prefix.Length..];
            if (IsAllah(rest))
            {
                return null; // abdullah, abdoulaye
            }

            var accepted = kind switch
            {
                // A sun-letter article doubles the letter it stands before: abduR-Rahman.
                Kind.SunArticle => rest[0] == prefix[^1],
                // A linking vowel stands before a consonant, and the name after it is a whole one: abdi-rahman.
                Kind.Vowel => rest.Length > MinRest && !IsVowel(rest[0]),
                _ => true,
            };
            if (accepted)
            {
                return rest;
            }
        }

        return null;
    }

    // The first part of a word ending in the article and din ("nureddin" → "nur"), or null.
    private static string? JoinedDin(string token, Forms forms)
    {
        foreach (var suffix in forms.DinArticles)
        {
            if (token.Length - suffix.Length >= MinRest && token.EndsWith(suffix, StringComparison.Ordinal))
            {
                return token[..^suffix.Length];
            }
        }

        return null;
    }

    // What follows abd and its article in Abdullah and its spellings: (l)lah, (l)lahi, (l)la, and Abdoulaye, Abdulai.
    private static bool IsAllah(string rest) => rest.TrimStart('l') is "ah" or "a" or "ahi" or "ahu" or "ai" or "aye" or "ay" or "ayi";

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static Forms Load()
    {
        var articles = new List<string>();
        var prefixes = new List<(string, Kind)>();
        var din = new List<string>();
        var dinArticles = new List<string>();
        foreach (var f in ReferenceData.ReadTsv("arabic-compounds.tsv"))
        {
            var form = f[1];
            switch (f[0])
            {
                case "article":
                    articles.Add(form);
                    break;
                case "abd-article":
                    // An l-article (abdul) joins any name; any other (abdur) is a sun letter, doubled before its name.
                    prefixes.Add((form, form[^1] == 'l' ? Kind.Article : Kind.SunArticle));
                    break;
                case "abd-vowel":
                    prefixes.Add((form, Kind.Vowel));
                    break;
                case "din":
                    din.Add(form);
                    break;
                case "din-article":
                    dinArticles.Add(form);
                    break;
                default:
                    throw new InvalidDataException($"arabic-compounds.tsv: unknown kind '{f[0]}'");
            }
        }

        return new Forms(
            articles.ToFrozenSet(StringComparer.Ordinal),
            prefixes.Where(p => p.Item2 != Kind.Vowel).Select(p => p.Item1).ToFrozenSet(StringComparer.Ordinal),
            [.. prefixes.OrderByDescending(p => p.Item1.Length).ThenBy(p => p.Item1, StringComparer.Ordinal)],
            din.ToFrozenSet(StringComparer.Ordinal),
            [.. dinArticles.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)]);
    }

    private enum Kind
    {
        Article,
        SunArticle,
        Vowel,
    }

    private sealed record Forms(
        FrozenSet<string> Articles,
        FrozenSet<string> AbdArticles,
        (string Prefix, Kind Kind)[] AbdPrefixes,
        FrozenSet<string> Din,
        string[] DinArticles)
    {
        // DinArticles as a set for whole words ("eldin" after "nour").
        public bool IsDinArticle(string word) => Array.IndexOf(DinArticles, word) >= 0;
    }
}

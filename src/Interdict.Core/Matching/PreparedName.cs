using Interdict.Core.Matching.Rules;
using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>A name prepared for comparison by one version of the matcher: folded tokens, their weights and keys.</summary>
internal sealed class PreparedName
{
    public PreparedName(string text, MatcherVersion version = MatcherVersion.Current)
    {
        // Invisible characters, compatibility forms and look-alike letters are read away first, in every version.
        text = NameSanitizer.Clean(text);
        Text = text;
        var profile = MatcherProfile.For(version);
        // Arabic script (1.2.0) and Hebrew (1.4.0) are written without short vowels: read into consonant keys, when most
        // of the name's letters are in those scripts.
        var arabic = version >= MatcherVersion.V120 && NameSanitizer.IsMostlyArabicOrHebrewScript(text, hebrew: version >= MatcherVersion.V140);
        if (arabic)
        {
            var words = Romanisation.ArabicScriptWords(text, dropFinalHah: version >= MatcherVersion.V140, splitCompounds: version >= MatcherVersion.V150, persianTha: version >= MatcherVersion.V150);
            Tokens = [.. words.Select(w => w.Key)];
            Terms = [.. words.Select(w => w.Term ?? w.Key)];
            // The words as written beside their keys, for explanations, when they correspond one to one.
            var written = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Written = written.Length == Tokens.Length ? written : Tokens;
        }
        else
        {
            // 1.4.0: Hangul syllable by syllable as the lists spell Korean names (김정은: kim jong un), not run together.
            Syllabic = version >= MatcherVersion.V140 && Hangul.Contains(text);
            Tokens = NameNormalizer.Tokenize(Syllabic ? Hangul.Romanise(text) : text);
            // 1.5.0: Arabic compounds in two parts however they are written (Abdelrahman, Abd al-Rahman: abd rahman).
            if (version >= MatcherVersion.V150 && !Syllabic)
            {
                Tokens = ArabicCompounds.Split(Tokens);
            }

            Written = Tokens;
            // 2.0.0: the version's token rules (legal forms, numbers) read words into other words, on both sides.
            var rules = profile.TokenRules;
            if (rules.Count > 0 && !Syllabic)
            {
                var read = Tokens.Select(t => new RuleToken(t, t, null)).ToList();
                foreach (var rule in rules)
                {
                    rule.Apply(read);
                }

                Tokens = [.. read.Select(t => t.Token)];
                Written = [.. read.Select(t => t.Written)];
                RuleNotes = [.. read.Select(t => t.Rule)];
            }

            Terms = Tokens;
        }

        RuleNotes ??= new string?[Tokens.Length];
        ScriptLetters = profile.SameScript ? SameScriptRule.Letters(text) : "";
        VowellessLetters = profile.SameScriptVowelless && arabic ? SameScriptRule.VowellessLetters(text) : "";
        VowellessPairs = SameScriptRule.PairsOf(VowellessLetters);

        Weights = new double[Tokens.Length];
        Patronymic = new bool[Tokens.Length];
        Numeral = new bool[Tokens.Length];
        for (var i = 0; i < Tokens.Length; i++)
        {
            // Arabic-script words weigh by their key's length (or as the Latin term they stand for): keys are short.
            // A Korean syllable weighs as a word of SyllableWeight letters whatever its spelling: "ji" in 지민 is as much
            // the name as "kang" (1.4.0, names written in Hangul).
            Weights[i] = (arabic && Terms[i] == Tokens[i] ? ArabicKeyWeight(Tokens[i]) : NameTerms.WeightOf(Terms[i], version)) * (Syllabic ? SyllableWeight : Tokens[i].Length);
            if (version >= MatcherVersion.V130 && !arabic && IsPatronymic(Tokens[i]))
            {
                // A father's given name with a suffix: as common as the given names it is made of, and long.
                Patronymic[i] = true;
                Weights[i] *= PatronymicWeight;
            }

            Numeral[i] = version >= MatcherVersion.V130 && IsNumeral(Tokens, i);

            TotalWeight += Weights[i];
        }

        if (arabic)
        {
            // The tokens already are consonant keys.
            Vowelless = Tokens.Length > 0;
            Folded = Keys = Tokens;
        }
        else if (version >= MatcherVersion.V120)
        {
            Folded = [.. Tokens.Select(t => Romanisation.Fold(t, version))];
            Keys = [.. Folded.Select(Romanisation.ConsonantKeyOfFolded)];
            // 2.0.0: a legal form keeps the key of its words as written, which a name in Arabic script is compared with
            // (SHARIKAH, read as "co": "srk", as شركة is).
            for (var i = 0; i < Keys.Length; i++)
            {
                if (RuleNotes[i] is { } note && note.StartsWith(LegalFormRule.Instance.Name, StringComparison.Ordinal))
                {
                    Keys[i] = Romanisation.ConsonantKeyOfFolded(Romanisation.Fold(Written[i].Replace(" ", "", StringComparison.Ordinal), version));
                }
            }
        }
        else
        {
            // 1.1.0: only names actually written in Arabic or Hebrew script: Latin acronyms ("BNC") have no vowels either,
            // and comparing them by skeleton would raise false alerts ("BNC" against "Banco").
            var words = Tokens.Where(t => t.Length >= 3).ToArray();
            Vowelless = text.Any(IsArabicOrHebrewLetter) && words.Length > 0 && words.All(NameMatcher.IsVowelless);
            Folded = Tokens;
            Keys = [.. Tokens.Select(NameMatcher.Skeleton)];
        }

        Joined = string.Concat(Tokens);
        JoinedKey = string.Concat(Keys);
        JoinedLetters = JaroWinkler.LetterMask(Joined);
        JoinedKeyLetters = JaroWinkler.LetterMask(JoinedKey);
        DistinctiveJoined = Joined;
        DistinctiveJoinedKey = JoinedKey;
        if (version >= MatcherVersion.V130)
        {
            // Without legal forms, generic words and titles: two names compared whole must also be alike there (1.3.0).
            var distinctive = Enumerable.Range(0, Tokens.Length).Where(i => NameTerms.CategoryOf(Terms[i], version) is not ("legal-form" or "generic" or "honorific")).ToArray();
            if (distinctive.Length > 0 && distinctive.Length < Tokens.Length)
            {
                DistinctiveJoined = string.Concat(distinctive.Select(i => Tokens[i]));
                DistinctiveJoinedKey = string.Concat(distinctive.Select(i => Keys[i]));
            }
        }

        Numeric = [.. Tokens.Select(t => t.AsSpan().ContainsAnyInRange('0', '9'))];
        Numerals = string.Join(' ', Enumerable.Range(0, Tokens.Length).Where(i => Numeral[i]).Select(i => Tokens[i]).Order(StringComparer.Ordinal));
        LegalForm = [.. Terms.Select(t => NameTerms.CategoryOf(t, version) == "legal-form")];
        Lineage = [.. Terms.Select(t => t is "bin" or "bint" or "bn" or "bnt" || Romanisation.Canonical(t) == "bin")];
        Roles = profile.LineageRoles ? RoleRule.Roles(Lineage, Terms) : new byte[Tokens.Length];
        Parts = new PartInfo[Tokens.Length];
        Texts = new PartText[Tokens.Length];
        for (var i = 0; i < Tokens.Length; i++)
        {
            Texts[i] = new PartText(Tokens[i], Folded[i], Keys[i]);
            var inLineage = false;
            for (var k = Math.Max(0, i - 3); k <= i; k++)
            {
                inLineage |= Lineage[k];
            }

            Parts[i] = new PartInfo
            {
                Word = -1,
                Weight = Weights[i],
                First = Tokens[i][0],
                KeyFirst = Keys[i].Length > 0 ? Keys[i][0] : '\0',
                Length = Tokens[i].Length,
                KeyLength = Keys[i].Length,
                InLineage = inLineage,
                Letters = JaroWinkler.LetterMask(Tokens[i]),
                FoldedLetters = JaroWinkler.LetterMask(Folded[i]),
                FoldedLength = Folded[i].Length,
                LegalForm = LegalForm[i],
                Numeric = Numeric[i],
                NameGroups = profile.Hypocorisms && !arabic ? HypocorismRule.Mask(Folded[i]) : 0,
            };
        }
    }

    /// <summary>
    /// What the score bound and the cheap join checks read of each part, side by side in one array: a candidate name
    /// is then read from one or two cache lines, not from a dozen arrays and strings.
    /// </summary>
    public PartInfo[] Parts { get; }

    /// <summary>
    /// Each part's token, folded form and key side by side (as in <see cref="Tokens"/>, <see cref="Folded"/> and
    /// <see cref="Keys"/>): a word compared in full is reached through one array, not three.
    /// </summary>
    public PartText[] Texts { get; }

    /// <summary>From 2.0.0, how the query was read when it is one of its other readings (digits read as letters), for the explanation.</summary>
    public string? Reading { get; init; }

    /// <summary>The words as written (folded) that each token was read from: the same as the token unless a rule read it.</summary>
    public string[] Written { get; }

    /// <summary>What a rule read for each token (<c>legal form: aktiengesellschaft = jsc</c>), or null.</summary>
    public string?[] RuleNotes { get; }

    /// <summary>From 2.0.0, the name's Han, Hangul and kana characters (<see cref="SameScriptRule"/>); empty when none.</summary>
    public string ScriptLetters { get; }

    /// <summary>From 2.1.0, a name read into consonant keys: its Arabic-script or Hebrew letters, normalised (<see cref="SameScriptRule"/>).</summary>
    public string VowellessLetters { get; }

    /// <summary>From 2.1.0, the letter pairs of <see cref="VowellessLetters"/>, sorted (<see cref="SameScriptRule.PairsOf"/>).</summary>
    public int[] VowellessPairs { get; }

    /// <summary>From 2.0.0, each part's role (<see cref="RoleRule"/>): own name, forefather's name, or none known.</summary>
    public byte[] Roles { get; }

    /// <summary>Whether each token opens a lineage ("bin", "ben", "ould", بن…), looked up once, not per comparison.</summary>
    public bool[] Lineage { get; }

    /// <summary>
    /// From 1.3.0, whether each token is an East Slavic patronymic (Aleksandrovich, Nikolaevna, Fedorovych): it weighs
    /// half, and a pair with a patronymic does not count as one of the two pairs that make a name's extra parts cheap.
    /// </summary>
    public bool[] Patronymic { get; }

    /// <summary>
    /// From 1.3.0, whether each token is a number: it holds a digit, or is a Roman numeral of two to four letters
    /// (<c>iii</c>, <c>iv</c>), or a single <c>i</c>, <c>v</c> or <c>x</c> ending a name of several parts (<c>MARIE DE
    /// LOURDES I</c>; elsewhere such a letter is an initial).
    /// </summary>
    public bool[] Numeral { get; }

    /// <summary>The numbers of the name, sorted, separated by spaces (empty when none, and before 1.3.0).</summary>
    public string Numerals { get; }

    private static bool IsNumeral(string[] tokens, int i) =>
        NameMatcher.HasDigit(tokens[i]) || NameMatcher.IsRomanNumeral(tokens[i]) || (NameMatcher.IsNumeralLetter(tokens[i]) && i == tokens.Length - 1 && i > 0);

    // 1.3.0: a patronymic weighs this share of an ordinary word of its length.
    private const double PatronymicWeight = 0.5;

    // 1.3.0: when two names both have numbers and none of them pair, each unpaired number weighs at least this much (an
    // ordinary five-letter word).
    internal const double NumberWeight = 5;

    private static readonly string[] PatronymicEndings = ["ovich", "evich", "ovych", "evych", "ovitch", "evitch", "ovna", "evna", "ivna", "ichna"];

    /// <summary>True for a folded word of seven letters or more with an East Slavic patronymic ending.</summary>
    internal static bool IsPatronymic(string token) => token.Length >= 7 && PatronymicEndings.Any(e => token.EndsWith(e, StringComparison.Ordinal));

    /// <summary>Whether each token is a company legal form (looked up once, not per comparison).</summary>
    public bool[] LegalForm { get; }

    /// <summary>Whether each token holds a digit (numbers in names must agree exactly).</summary>
    public bool[] Numeric { get; }

    /// <summary>For listed names, the engine's id of each distinct token (so per-query caches index arrays); null for queries.</summary>
    public int[]? TokenIds
    {
        get => _tokenIds;
        set
        {
            _tokenIds = value;
            for (var i = 0; i < Parts.Length; i++)
            {
                Parts[i].Word = value?[i] ?? -1;
            }
        }
    }

    private int[]? _tokenIds;

    /// <summary>True when the name is written without short vowels (Arabic or Hebrew script), so it is compared by consonant keys.</summary>
    public bool Vowelless { get; }

    /// <summary>
    /// 1.4.0: the name was written in Hangul, so each part is one syllable of a Korean name: they weigh alike, and a
    /// syllable the list lacks costs in full (a Korean name has no father's or grandfather's names to leave out).
    /// </summary>
    public bool Syllabic { get; }

    // 1.4.0: the weight of a Korean syllable, as an ordinary word of four letters (the weight of 2 to 5 gave the same
    // false alerts on the Hangul negatives).
    private const double SyllableWeight = 4;

    public string Text { get; }

    public string[] Tokens { get; }

    // Spans of two or three adjacent tokens, folded forms or keys joined, made on first use: a query's joins are compared
    // with hundreds of listed words. Filled without a lock (two threads may both make one; either is kept).
    private string?[]? _joins;

    /// <summary>
    /// <paramref name="span"/> adjacent words from <paramref name="i"/> joined, from <paramref name="words"/> (this name's
    /// <see cref="Tokens"/>, <see cref="Folded"/> or <see cref="Keys"/>), remembered for spans of two and three.
    /// </summary>
    public string JoinedSpan(string[] words, int i, int span)
    {
        if (span is < 2 or > 3)
        {
            return string.Concat(words.AsSpan(i, span));
        }

        var kind = ReferenceEquals(words, Tokens) ? 0 : ReferenceEquals(words, Folded) ? 1 : ReferenceEquals(words, Keys) ? 2 : -1;
        if (kind < 0)
        {
            return string.Concat(words.AsSpan(i, span));
        }

        var joins = _joins ??= new string?[Tokens.Length * 6];
        return joins[(((i * 2) + (span - 2)) * 3) + kind] ??= string.Concat(words.AsSpan(i, span));
    }

    /// <summary>The word to look up in the name terms: the token, or for an Arabic-script word the Latin term it stands for.</summary>
    public string[] Terms { get; }

    /// <summary>The tokens with romanisation variants folded (1.2.0); the tokens themselves for 1.1.0.</summary>
    public string[] Folded { get; }

    /// <summary>The consonant key of each token (1.2.0) or its consonant skeleton (1.1.0).</summary>
    public string[] Keys { get; }

    public double[] Weights { get; }

    public double TotalWeight { get; }

    /// <summary>The tokens without spaces, to catch joined and split words (AbdulRahman / Abdul Rahman).</summary>
    public string Joined { get; }

    /// <summary>
    /// From 1.3.0, the tokens that are not legal forms, generic words or titles, without spaces (the same string as
    /// <see cref="Joined"/> when every token is one or none is).
    /// </summary>
    public string DistinctiveJoined { get; }

    /// <summary>The keys of those tokens without spaces.</summary>
    public string DistinctiveJoinedKey { get; }

    /// <summary>The keys without spaces.</summary>
    public string JoinedKey { get; }

    /// <summary>The letter masks (<see cref="JaroWinkler.LetterMask"/>) of <see cref="Joined"/> and <see cref="JoinedKey"/>.</summary>
    public ulong JoinedLetters { get; }

    public ulong JoinedKeyLetters { get; }

    private static bool IsArabicOrHebrewLetter(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    // "bn" (بن, son of) and "bnt" (بنت) are particles; one-letter keys (أبو = "b") carry little.
    private static double ArabicKeyWeight(string key) => key switch
    {
        "bn" or "bnt" => 0.3,
        { Length: 1 } => 0.5,
        _ => 1.0,
    };
}

/// <summary>A part's token, folded form and consonant key (<see cref="PreparedName.Texts"/>).</summary>
internal readonly record struct PartText(string Token, string Folded, string Key);

/// <summary>One part of a prepared name, as the score bound reads it.</summary>
internal struct PartInfo
{
    /// <summary>The engine's id of the word (-1 for a query).</summary>
    public int Word;

    public double Weight;

    public char First;

    /// <summary>The first letter of the consonant key, or NUL when the key is empty.</summary>
    public char KeyFirst;

    public int Length;

    public int KeyLength;

    /// <summary>Whether the part is within three parts after a lineage marker ("bin", "ould").</summary>
    public bool InLineage;

    /// <summary>Whether the part is a company legal form.</summary>
    public bool LegalForm;

    /// <summary>Whether the part has a digit (<see cref="PreparedName.Numeric"/>).</summary>
    public bool Numeric;

    /// <summary>From 2.0.0, a mask of the given-name groups the part belongs to (<see cref="HypocorismRule.Mask"/>).</summary>
    public ulong NameGroups;

    public int FoldedLength;

    /// <summary>The letters of the token and of its folded form, as <see cref="JaroWinkler.LetterMask"/> gives them.</summary>
    public ulong Letters;

    public ulong FoldedLetters;
}

/// <summary>The letter masks (<see cref="JaroWinkler.LetterMask"/>) of two parts and of their folded forms; zero where unknown.</summary>
internal readonly record struct LetterMasks(ulong A, ulong B, ulong FoldedA, ulong FoldedB);

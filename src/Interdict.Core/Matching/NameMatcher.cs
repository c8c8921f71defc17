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
        // Arabic script (1.2.0) and Hebrew (1.4.0) are written without short vowels: read into consonant keys, when most
        // of the name's letters are in those scripts.
        var arabic = version >= MatcherVersion.V120 && NameSanitizer.IsMostlyArabicOrHebrewScript(text, hebrew: version >= MatcherVersion.V140);
        if (arabic)
        {
            var words = Romanisation.ArabicScriptWords(text, dropFinalHah: version >= MatcherVersion.V140, splitCompounds: version >= MatcherVersion.V150, persianTha: version >= MatcherVersion.V150);
            Tokens = [.. words.Select(w => w.Key)];
            Terms = [.. words.Select(w => w.Term ?? w.Key)];
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

            Terms = Tokens;
        }

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

    public int FoldedLength;

    /// <summary>The letters of the token and of its folded form, as <see cref="JaroWinkler.LetterMask"/> gives them.</summary>
    public ulong Letters;

    public ulong FoldedLetters;
}

/// <summary>The letter masks (<see cref="JaroWinkler.LetterMask"/>) of two parts and of their folded forms; zero where unknown.</summary>
internal readonly record struct LetterMasks(ulong A, ulong B, ulong FoldedA, ulong FoldedB);

/// <summary>The versions of the name matcher that can be selected; older ones stay so that old decisions can be reproduced.</summary>
public enum MatcherVersion
{
    /// <summary>1.1.0: Jaro-Winkler on folded parts, consonant skeletons for vowel-less (Arabic, Hebrew script) names.</summary>
    V110 = 11,

    /// <summary>
    /// 1.2.0: adds romanisation folding (q/gh/k, e/i, o/u, ou/u, name variants such as Mohamed/Muhammad) and consonant
    /// keys read from the Arabic script itself, with the article removed.
    /// </summary>
    V120 = 12,

    /// <summary>
    /// 1.3.0: fewer namesakes by common words alone. Names compared whole must also be alike without their legal forms,
    /// generic words and titles ("LIMITED LIABILITY COMPANY BITVAN" / "... I T C") and have the same numbers; East Slavic
    /// patronymics weigh half and do not count among the pairs that make extra parts cheap ("GIZUNOV, Sergey
    /// Aleksandrovich" / "MARTYNOV, Sergey Alexandrovich"); numbers that all differ weigh at least as a five-letter word
    /// ("NEW DECISIONS 2" / "3"); a Roman numeral does not pair with a single I, V or X (docs/decisions/0006).
    /// </summary>
    V130 = 13,

    /// <summary>
    /// 1.4.0: a weak alias (OFAC's weak a.k.a., the UN's low-quality aliases) counts 0.93 of its similarity,
    /// so that it raises an alert alone only when written nearly as listed (OFAC FAQ 122–124); a family name is not its
    /// own patronymic ("PETROV" / "Petrovna", "VASILIEV" / "Vasilievich"); Hangul is romanised syllable by syllable as the
    /// lists spell Korean names (김정은: kim jong un); Hebrew is read into consonant keys like Arabic script, and a key of one
    /// consonant is compared as a key, not as an initial (docs/decisions/0007).
    /// </summary>
    V140 = 14,

    /// <summary>
    /// 1.5.0: Arabic compounds with an article are read as two parts however they are written ('Abd al-Rahman,
    /// Abdelrahman, Abdurrahman, Abdirahman: abd rahman; Nur al-Din, Nureddin: nur din), in Latin and Arabic script; an
    /// initial dh is read as z (Dhawahri / Zawahiri); Somali x as h before a, e, o (Xassaan / Hassaan); two Latin words
    /// with the same consonants are no longer alike when they are different common names (Hassan / Husayn) or differ in
    /// sh / s, w or a consonant y (Derwish / Darass); candidates are retrieved with a Dice cut of 0.38 times the lowest
    /// name score a hit needs instead of 0.35; ث is s in names written with Persian, Urdu or Pashto letters
    /// (docs/decisions/0008).
    /// </summary>
    V150 = 15,

    /// <summary>The current version.</summary>
    Current = V150,
}

/// <summary>Names and parsing of <see cref="MatcherVersion"/>.</summary>
public static class MatcherVersions
{
    /// <summary>Every selectable version, oldest first.</summary>
    public static IReadOnlyList<MatcherVersion> All { get; } = [MatcherVersion.V110, MatcherVersion.V120, MatcherVersion.V130, MatcherVersion.V140, MatcherVersion.V150];

    /// <summary>Every selectable version's name, oldest first, for messages: <c>1.1.0, 1.2.0, 1.3.0, 1.4.0, 1.5.0</c>.</summary>
    public static string Names => string.Join(", ", All.Select(v => v.Name()));

    /// <summary>The version string, e.g. <c>1.2.0</c>.</summary>
    public static string Name(this MatcherVersion version) => version switch
    {
        MatcherVersion.V110 => "1.1.0",
        MatcherVersion.V120 => "1.2.0",
        MatcherVersion.V130 => "1.3.0",
        MatcherVersion.V140 => "1.4.0",
        MatcherVersion.V150 => "1.5.0",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>Reads <c>1.1.0</c>, <c>1.1</c>, … <c>1.5.0</c>, <c>1.5</c> or <c>current</c>.</summary>
    public static bool TryParse(string? text, out MatcherVersion version)
    {
        version = MatcherVersion.Current;
        switch (text?.Trim())
        {
            case "1.1.0" or "1.1":
                version = MatcherVersion.V110;
                return true;
            case "1.2.0" or "1.2":
                version = MatcherVersion.V120;
                return true;
            case "1.3.0" or "1.3":
                version = MatcherVersion.V130;
                return true;
            case "1.4.0" or "1.4":
                version = MatcherVersion.V140;
                return true;
            case "1.5.0" or "1.5" or "current":
                version = MatcherVersion.V150;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Similarities of listed words to the words of one query, kept while that query is screened. Not thread-safe: one per
/// query.
/// </summary>
internal sealed class TokenCache
{
    // Rows live in one buffer per thread, found through the listed word's slot (offset + 1; 0 = no row yet), so a query
    // allocates nothing per word.
    [ThreadStatic]
    private static int[]? t_slots;

    [ThreadStatic]
    private static double[]? t_buffer;

    [ThreadStatic]
    private static List<int>? t_touched;

    private readonly int _queryTokens;
    private readonly int[] _slots;
    private readonly List<int> _touched;
    private double[] _buffer;
    private int _used;

    /// <summary>A cache for a query of <paramref name="queryTokens"/> words over a vocabulary of <paramref name="vocabulary"/> listed words.</summary>
    public TokenCache(int queryTokens, int vocabulary)
    {
        _queryTokens = queryTokens;
        _slots = t_slots is { } r && r.Length >= vocabulary ? r : t_slots = new int[vocabulary];
        _buffer = t_buffer ??= new double[4096];
        _touched = t_touched ??= [];
        _touched.Clear();
    }

    /// <summary>The row of similarities of a listed word (by id) to each query word, each stored plus one; 0 where not computed yet.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public Span<double> Row(int tokenId)
    {
        // Slots are released after every query, so a slot present now was made for this query.
        var slot = _slots[tokenId];
        return slot != 0 ? _buffer.AsSpan(slot - 1, _queryTokens) : NewRow(tokenId);
    }

    private Span<double> NewRow(int tokenId)
    {
        if (_used + _queryTokens > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + _queryTokens));
            t_buffer = _buffer;
        }

        _buffer.AsSpan(_used, _queryTokens).Clear();
        var slot = _slots[tokenId] = _used + 1;
        _used += _queryTokens;
        _touched.Add(tokenId);
        return _buffer.AsSpan(slot - 1, _queryTokens);
    }

    /// <summary>Forgets the rows, so the next query on this thread starts clean.</summary>
    public void Release()
    {
        foreach (var id in _touched)
        {
            _slots[id] = 0;
        }

        _touched.Clear();
        _used = 0;
    }
}

/// <summary>The result of comparing two names.</summary>
internal readonly record struct NameComparison(double Score, IReadOnlyList<TokenAlignment> Alignment);

/// <summary>
/// Compares two names part by part: each query part is paired with the most similar listed part (any order),
/// similarities come from Jaro-Winkler on folded parts, and the score is the weighted share of both names that was paired.
/// </summary>
internal static class NameMatcher
{
    /// <summary>The algorithm's name, reported with every score.</summary>
    public const string Algorithm = "interdict-name";

    /// <summary>The current version; bump it (and keep the old one selectable) on any change that alters scores.</summary>
    public static string Version => MatcherVersion.Current.Name();

    // A match of romanisation-folded parts (Kasim / Qasem) is a little weaker evidence than an exact one.
    private const double FoldedFactor = 0.96;

    // Below this Jaro-Winkler similarity two name parts are unrelated.
    private const double MinTokenSimilarity = 0.75;

    // 1.2.0: and their romanisation-folded forms below this one.
    private const double MinFoldedSimilarity = 0.88;

    // Listed name parts that the query lacks cost less than query parts the list lacks: lists carry
    // middle names and patronymics that customer records often omit.
    private const double UnpairedListedPartsFactor = 0.5;

    // 1.2.0: and parts the query has that the list lacks (the UN writes father's and grandfather's names) cost less still.
    private const double UnpairedQueryPartsFactor120 = 0.35;

    /// <summary>
    /// Similarity of two folded name parts, 0–1. With <paramref name="skeletons"/> (one name is written without
    /// vowels), consonant skeletons are compared too (1.1.0).
    /// </summary>
    public static double TokenSimilarity(string a, string b, bool skeletons = false) =>
        TokenSimilarity(a, b, a, b, Skeleton(a), Skeleton(b), legalA: false, legalB: false, skeletons, MatcherVersion.V110);

    /// <summary>
    /// Similarity of two name parts given their folded forms, keys and whether each is a company legal form, 0–1, as
    /// <paramref name="version"/> computes it.
    /// </summary>
    /// <remarks>
    /// <paramref name="letters"/>: the parts' letter masks when they were made beforehand (<see cref="PartInfo"/>), so
    /// that most unrelated pairs are told apart without reading them.
    /// </remarks>
    internal static double TokenSimilarity(string a, string b, string foldedA, string foldedB, string keyA, string keyB, bool legalA, bool legalB, bool byKey, MatcherVersion version,
        bool digitsChecked = false, LetterMasks letters = default)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        // Numbers (vessel numerals, years in names) must agree exactly.
        if (!digitsChecked && (HasDigit(a) || HasDigit(b)))
        {
            return 0;
        }

        // Roman numerals in vessel and company names (ARK II / ARK III) must agree exactly too; from 1.3.0 also against a
        // single i, v or x, which is no initial of them (BICENTENARIO XIV / BICENTENARIO X).
        if ((IsRomanNumeral(a) && IsRomanNumeral(b))
            || (version >= MatcherVersion.V130 && ((IsRomanNumeral(a) && IsNumeralLetter(b)) || (IsRomanNumeral(b) && IsNumeralLetter(a)))))
        {
            return 0;
        }

        // An initial matches a name that starts with it (from 1.2.0 as weaker evidence: "O" is a whole Korean surname,
        // and a listed initial says little). From 1.4.0 not when comparing consonant keys: a key of one consonant is a
        // whole word (לוי, Levi: "l"), compared by key below.
        if (((a.Length == 1 && b.StartsWith(a[0])) || (b.Length == 1 && a.StartsWith(b[0]))) && !(byKey && version >= MatcherVersion.V140))
        {
            return version >= MatcherVersion.V120 ? Weak(InitialSimilarity120) : 0.8;
        }

        // 1.2.0: most pairs of parts are unrelated; when no rule below can apply, say so without computing similarities.
        if (version >= MatcherVersion.V120 && !byKey && !(legalA && legalB) && !(a.Length >= 4 && b.Length >= 4 && a[0] == b[0] && string.Equals(keyA, keyB, StringComparison.Ordinal))
            && Below(a, b, letters.A, letters.B, MinTokenSimilarity) && Below(foldedA, foldedB, letters.FoldedA, letters.FoldedB, MinFoldedSimilarity))
        {
            return 0;
        }

        var jw = JaroWinkler.Similarity(a, b);
        var similarity = jw < MinTokenSimilarity ? 0 : Calibrate(jw);

        // 1.2.0: romanisation variants (Kasim / Qasem, Hossein / Husain, Mohamed / Muhammad).
        if (version >= MatcherVersion.V120 && similarity < 1 && !byKey)
        {
            var f = string.Equals(foldedA, foldedB, StringComparison.Ordinal) ? 1 : JaroWinkler.Similarity(foldedA, foldedB);
            similarity = Math.Max(similarity, f < MinFoldedSimilarity ? 0 : FoldedFactor * Calibrate(f));
        }

        // 1.2.0: legal forms are interchangeable (Company / Corporation / Co / Ltd): the publisher's choice, not the party's.
        if (version >= MatcherVersion.V120 && similarity < 0.9 && legalA && legalB)
        {
            similarity = 0.9;
        }

        // 1.2.0: the same consonants in the same order with other vowels (Shihab / Shahab, Mahajar / Muhajir) is weaker
        // evidence, for words of four letters or more with the same first letter.
        // 1.5.0: not between two different names of name-variants.tsv, whose consonants agree by chance: Hassan / Husayn
        // (حسن, حسين: "hsn"), Mohammed / Mahmoud (محمد, محمود: "mhmd").
        if (version >= MatcherVersion.V120 && similarity < LatinKeySimilarity && !byKey && a.Length >= 4 && b.Length >= 4 && a[0] == b[0]
            && keyA.Length >= 3 && string.Equals(keyA, keyB, StringComparison.Ordinal) && !(version >= MatcherVersion.V150 && (DifferentKnownNames(a, b) || !LatinConsonantsAgree(foldedA, foldedB))))
        {
            similarity = LatinKeySimilarity;
        }

        // 1.2.0: Jaro-Winkler rewards a shared start, so a short word looks like any longer word that begins the same
        // way ("chen" / "chinoum"); words of very different lengths are discounted.
        // (Lengths after folding count too: "hassan" and "asan" differ by a doubled letter and an h, not by a third.)
        if (version >= MatcherVersion.V120 && similarity > 0 && !byKey && Math.Max(LengthRatio(a, b), LengthRatio(foldedA, foldedB)) is < 0.75 and var ratio)
        {
            similarity *= ratio / 0.75;
        }

        // Arabic and Hebrew script are written without short vowels: "qsm" (قاسم) against "qasem". Compare consonant
        // skeletons (1.1.0) or keys (1.2.0) when exactly one name is written so, a little below a spelled-out match.
        if (byKey && similarity < 1 && keyA.Length > 0 && keyB.Length > 0)
        {
            var sk = string.Equals(keyA, keyB, StringComparison.Ordinal) ? 1 : JaroWinkler.Similarity(keyA, keyB);
            similarity = Math.Max(similarity, sk < 0.85 ? 0 : KeyFactor(Math.Min(keyA.Length, keyB.Length), version) * Calibrate(sk));
        }

        // 1.4.0: an East Slavic family name and the patronymic made from the same name are different parts of a name
        // ("PETROV" / "Petrovna", "VASILIEV" / "Vasilievich"), however alike they look.
        if (version >= MatcherVersion.V140 && similarity > 0 && (IsPatronymicOf(a, b) || IsPatronymicOf(b, a)))
        {
            return 0;
        }

        return version >= MatcherVersion.V120 ? Weak(similarity) : similarity;
    }

    // 1.5.0: two Latin words alike by consonant key must also agree on what the key merges for Arabic script's sake:
    // sh and s (ش, س), and w and y written as consonants (DERWISH / DARASS: both "drs").
    private static bool LatinConsonantsAgree(string a, string b)
    {
        return Signature(a) == Signature(b);

        static (int Sh, int W, int Y) Signature(string word)
        {
            int sh = 0, w = 0, y = 0;
            for (var i = 0; i < word.Length; i++)
            {
                switch (word[i])
                {
                    case 's' when i + 1 < word.Length && word[i + 1] == 'h':
                        sh++;
                        break;
                    case 'w':
                        w++;
                        break;
                    case 'y' when i + 1 < word.Length && "aeiou".Contains(word[i + 1], StringComparison.Ordinal):
                        y++;
                        break;
                }
            }

            return (sh, w, y);
        }
    }

    // Two different common names of name-variants.tsv (each written as its canonical form or a variant of it).
    private static bool DifferentKnownNames(string a, string b) =>
        Romanisation.KnownName(a) is { } x && Romanisation.KnownName(b) is { } y && !string.Equals(x, y, StringComparison.Ordinal);

    // 1.4.0: the patronymic endings that follow a stem in -ov / -ev, and the family names made from that stem.
    private static readonly string[] StemPatronymicEndings = ["ich", "ych", "itch", "na"];

    /// <summary>
    /// 1.4.0: whether <paramref name="patronymic"/> is an East Slavic patronymic and <paramref name="family"/> the family
    /// name made from the same stem: <c>petrovna</c> / <c>petrov</c> or <c>petrova</c>, <c>vasilievich</c> /
    /// <c>vasiliev</c>.
    /// </summary>
    internal static bool IsPatronymicOf(string patronymic, string family)
    {
        if (family.Length < 4 || patronymic.Length <= family.Length || !PreparedName.IsPatronymic(patronymic))
        {
            return false;
        }

        foreach (var ending in StemPatronymicEndings)
        {
            if (patronymic.EndsWith(ending, StringComparison.Ordinal))
            {
                var stem = patronymic.AsSpan(0, patronymic.Length - ending.Length);
                if (stem.EndsWith("ov") || stem.EndsWith("ev"))
                {
                    var f = family.AsSpan();
                    return f.SequenceEqual(stem) || (f.Length == stem.Length + 1 && f[^1] == 'a' && f.StartsWith(stem));
                }
            }
        }

        return false;
    }

    // A skeleton match is weaker evidence than a spelled-out one: many names share consonants.
    private const double SkeletonFactor = 0.92;

    // 1.2.0: the longer the matching consonant key, the stronger the evidence (three consonants already narrow a name).
    private static double KeyFactor(int length, MatcherVersion version) => version < MatcherVersion.V120
        ? SkeletonFactor
        : length switch { <= 2 => 0.9, 3 => 0.94, _ => 0.96 };

    /// <summary>True for a word of three or more letters with no vowel letter (a, e, i, o, u).</summary>
    internal static bool IsVowelless(string token) => token.Length >= 3 && !token.AsSpan().ContainsAny("aeiou") && !HasDigit(token);

    /// <summary>
    /// The consonant skeleton of a folded word: the first letter, then the consonants without a, e, i, o, u, y, w, h
    /// (which Arabic script writes as long vowels or not at all), doubled letters collapsed.
    /// </summary>
    internal static string Skeleton(string token)
    {
        Span<char> buffer = token.Length <= 64 ? stackalloc char[token.Length] : new char[token.Length];
        var n = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (i > 0 && "aeiouywh".Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (n > 0 && buffer[n - 1] == c)
            {
                continue;
            }

            buffer[n++] = c;
        }

        return new string(buffer[..n]);
    }

    /// <summary>
    /// Maps raw Jaro-Winkler to a stricter scale: JW is generous to short unrelated words ("john"/"joan" = 0.88).
    /// </summary>
    public static double Calibrate(double jw) => Math.Clamp(1 - ((1 - jw) * 1.6), 0, 1);

    /// <summary>Compares a query name with a listed name; builds the alignment only when <paramref name="explain"/> is set.</summary>
    public static NameComparison Compare(PreparedName query, PreparedName listed, bool lenientOnListedParts, bool explain = true, MatcherVersion version = MatcherVersion.Current,
        TokenCache? cache = null)
    {
        var q = query.Tokens;
        var c = listed.Tokens;
        if (q.Length == 0 || c.Length == 0)
        {
            return new NameComparison(0, []);
        }

        var byKey = query.Vowelless != listed.Vowelless;

        // 1.2.0: a Latin query is not compared with a listed name written in Arabic script. Consonant keys of a Latin
        // name are too lossy to stand alone ("Allen Aisha" / جمال لونيسي), and every such listed name is an alias of a
        // record whose romanised names the query meets anyway.
        if (version >= MatcherVersion.V120 && listed.Vowelless && !query.Vowelless)
        {
            return new NameComparison(0, []);
        }

        // Every pair with some similarity, best first; then pair greedily. From 1.2.0 two adjacent parts of one name may
        // pair with one part of the other, joined: "Rokn Abadi" / "Roknabadi", "Abdul Rahman" / "Abdulrahman".
        var joins = version >= MatcherVersion.V120;
        var capacity = (q.Length * c.Length) + (joins ? 2 * (((q.Length - 1) * c.Length) + (q.Length * (c.Length - 1))) : 0);
        Span<Pair> pairs = capacity <= 256 ? stackalloc Pair[capacity] : new Pair[capacity];
        var count = 0;
        for (var j = 0; j < c.Length; j++)
        {
            // Listed names share much of their vocabulary ("company", "al", "muhammad"): a listed word's similarities to
            // the query's words are computed once per query.
            var row = RowOf(listed, j, byKey, cache);
            for (var i = 0; i < q.Length; i++)
            {
                var s = PartSimilarity(query, i, listed, j, byKey, version, row);
                if (s > 0)
                {
                    pairs[count++] = new Pair(s, i, j, 1, 1);
                }
            }
        }

        if (joins)
        {
            for (var span = 2; span <= MaxJoinSpan; span++)
            {
                for (var i = 0; i + span <= q.Length; i++)
                {
                    for (var j = 0; j < c.Length; j++)
                    {
                        if (JoinedSimilarity(query, i, span, listed, j, byKey, version) is > 0 and var s)
                        {
                            pairs[count++] = new Pair(s, i, j, span, 1);
                        }
                    }
                }

                for (var j = 0; j + span <= c.Length; j++)
                {
                    for (var i = 0; i < q.Length; i++)
                    {
                        if (JoinedSimilarity(listed, j, span, query, i, byKey, version) is > 0 and var s)
                        {
                            pairs[count++] = new Pair(s, i, j, 1, span);
                        }
                    }
                }
            }
        }

        var used = pairs[..count];
        used.Sort(static (x, y) => y.Sim != x.Sim ? y.Sim.CompareTo(x.Sim) : x.I != y.I ? x.I.CompareTo(y.I) : x.J != y.J ? x.J.CompareTo(y.J) : (x.QSpan + x.CSpan).CompareTo(y.QSpan + y.CSpan));
        Span<int> qPair = q.Length <= 64 ? stackalloc int[q.Length] : new int[q.Length];
        Span<int> cPair = c.Length <= 64 ? stackalloc int[c.Length] : new int[c.Length];
        qPair.Fill(-1);
        cPair.Fill(-1);
        var chosen = new List<Pair>(Math.Min(q.Length, c.Length));
        foreach (var p in used)
        {
            if (Free(qPair, p.I, p.QSpan) && Free(cPair, p.J, p.CSpan))
            {
                for (var k = 0; k < p.QSpan; k++)
                {
                    qPair[p.I + k] = p.J;
                }

                for (var k = 0; k < p.CSpan; k++)
                {
                    cPair[p.J + k] = p.I;
                }

                chosen.Add(p);
            }
        }

        // For people, parts the query has and the list lacks cost half from 1.2.0 too (a father's or grandfather's name,
        // a second given name), but only once at least two parts on each side are paired: one shared word is no match.
        // Not for a name written in Hangul (1.4.0): each of its syllables is part of the name itself.
        // From 1.3.0 a pair with a patronymic on either side is not one of them: "GIZUNOV, Sergey Aleksandrovich" and
        // "MARTYNOV, Sergey Alexandrovich" share a given name and a father's given name, not a family name (nor do
        // "MOROZ, Alexander Ivanovich" and "IVANOV, Alexander").
        var pairsMade = version >= MatcherVersion.V130 ? chosen.Count(p => !query.Patronymic[p.I] && !listed.Patronymic[p.J]) : chosen.Count;
        var queryFactor = lenientOnListedParts && version >= MatcherVersion.V120 && pairsMade >= 2 && !query.Syllabic ? UnpairedQueryPartsFactor120 : 1.0;
        // From 1.3.0 two names whose numbers all differ ("NEW DECISIONS 2" / "3", "711 AIRCRAFT REPAIR PLANT" / "810 …",
        // "MARIE DE LOURDES I" / "V") are told apart by them: each unpaired number weighs at least as a five-letter
        // word. A number on one side only (a vessel named with or without its "1") costs its own small weight.
        var numbersDiffer = query.Numerals.Length > 0 && listed.Numerals.Length > 0 && NoneNumeralPaired(query, qPair) && NoneNumeralPaired(listed, cPair);
        double matched = 0, total = 0;
        for (var i = 0; i < q.Length; i++)
        {
            var w = numbersDiffer && query.Numeral[i] ? Math.Max(query.Weights[i], PreparedName.NumberWeight) : query.Weights[i];
            total += qPair[i] >= 0 ? w : w * (queryFactor < 1 && InLineage(query, i) ? LineageFactor120 : queryFactor);
        }

        foreach (var p in chosen)
        {
            double weight = 0;
            for (var k = 0; k < p.QSpan; k++)
            {
                weight += query.Weights[p.I + k];
            }

            for (var k = 0; k < p.CSpan; k++)
            {
                weight += listed.Weights[p.J + k];
            }

            matched += p.Sim * weight;
        }

        var listedFactor = lenientOnListedParts ? UnpairedListedPartsFactor : 1.0;
        for (var j = 0; j < c.Length; j++)
        {
            var w = numbersDiffer && listed.Numeral[j] ? Math.Max(listed.Weights[j], PreparedName.NumberWeight) : listed.Weights[j];
            total += cPair[j] >= 0 ? w : w * (queryFactor < 1 && InLineage(listed, j) ? LineageFactor120 : listedFactor);
        }

        var score = total > 0 ? matched / total : 0;

        // Joined or split words: "abdulrahman" against "abdul rahman".
        var joinedSimilarity = 0.0;
        // From 1.2.0 only between names of similar length: "lucanwosu" is not "lucas" however alike their starts.
        if (q.Length != c.Length && (version < MatcherVersion.V120 || LengthRatio(query.Joined, listed.Joined) >= 0.8))
        {
            var keyed = version >= MatcherVersion.V120 && byKey;
            var jw = keyed ? JaroWinkler.Similarity(query.JoinedKey, listed.JoinedKey) : JaroWinkler.Similarity(query.Joined, listed.Joined);
            // From 1.2.0 the joined names must be nearly the same string: this rescues joined and split words only.
            joinedSimilarity = jw < (version >= MatcherVersion.V120 ? 0.95 : 0.9) || !DistinctivePartsAlike(query, listed, keyed) || query.Numerals != listed.Numerals
                ? 0 : (keyed ? SkeletonFactor : 1) * Calibrate(jw);
        }

        if (joinedSimilarity > score)
        {
            return new NameComparison(joinedSimilarity, !explain ? [] : [new TokenAlignment(string.Join(' ', q), string.Join(' ', c), joinedSimilarity, 1)]);
        }

        if (!explain)
        {
            return new NameComparison(score, []);
        }

        var alignment = new List<TokenAlignment>(q.Length + c.Length);
        foreach (var p in chosen.OrderBy(p => p.I))
        {
            var qText = string.Join(' ', q.AsSpan(p.I, p.QSpan).ToArray());
            var cText = string.Join(' ', c.AsSpan(p.J, p.CSpan).ToArray());
            alignment.Add(new TokenAlignment(qText, cText, Math.Round(p.Sim, 4), Math.Round(NameTerms.WeightOf(query.Terms[p.I], version) * NameTerms.WeightOf(listed.Terms[p.J], version), 2)));
        }

        for (var i = 0; i < q.Length; i++)
        {
            if (qPair[i] < 0)
            {
                alignment.Add(new TokenAlignment(q[i], null, 0, NameTerms.WeightOf(query.Terms[i], version)));
            }
        }

        for (var j = 0; j < c.Length; j++)
        {
            if (cPair[j] < 0)
            {
                alignment.Add(new TokenAlignment(null, c[j], 0, Math.Round(NameTerms.WeightOf(listed.Terms[j], version) * listedFactor, 2)));
            }
        }

        return new NameComparison(score, alignment);
    }

    /// <summary>
    /// Whether <see cref="Compare"/>'s score could reach <paramref name="bar"/>, from an upper bound built of the
    /// similarities of single parts (kept in <paramref name="cache"/>, so a candidate that fails leaves them for the
    /// next one) and cheap checks for joined parts. Comparing in full costs several times more; a candidate that cannot
    /// reach what a hit needs is skipped without changing any result.
    /// </summary>
    public static bool MayReach(PreparedName query, PreparedName listed, bool lenientOnListedParts, MatcherVersion version, TokenCache cache, double bar)
    {
        var qp = query.Parts;
        var cp = listed.Parts;
        var byKey = query.Vowelless != listed.Vowelless;
        if (qp.Length == 0 || cp.Length == 0 || (version >= MatcherVersion.V120 && listed.Vowelless && !query.Vowelless))
        {
            return bar <= 0;
        }

        if (version < MatcherVersion.V120 || qp.Length > 64 || cp.Length > 64)
        {
            return true;
        }

        Span<double> bestQ = stackalloc double[qp.Length];
        Span<double> bestC = stackalloc double[cp.Length];
        for (var j = 0; j < cp.Length; j++)
        {
            var row = !byKey && cp[j].Word >= 0 ? cache.Row(cp[j].Word) : default;
            for (var i = 0; i < qp.Length; i++)
            {
                // Most similarities were computed for an earlier candidate of this query: read them without a call.
                var s = !row.IsEmpty && row[i] != 0 ? row[i] - 1 : PartSimilarity(query, i, listed, j, byKey, version, row);
                bestQ[i] = Math.Max(bestQ[i], s);
                bestC[j] = Math.Max(bestC[j], s);
            }
        }

        if (Bound(qp, cp, bestQ, bestC, lenientOnListedParts) >= bar)
        {
            return true;
        }

        // Joined or split words compared whole: "abdulrahman" against "abdul rahman".
        if (qp.Length != cp.Length && LengthRatio(query.Joined, listed.Joined) >= 0.8)
        {
            var (a, b) = byKey ? (query.JoinedKey, listed.JoinedKey) : (query.Joined, listed.Joined);
            var (maskA, maskB) = byKey ? (query.JoinedKeyLetters, listed.JoinedKeyLetters) : (query.JoinedLetters, listed.JoinedLetters);
            // The cheap upper bounds first (from the letter masks made once per name, then from the letters): most names
            // compared whole are far apart.
            if (JaroWinkler.UpperBound(a, maskA, b, maskB) >= 0.95 && JaroWinkler.UpperBound(a, b) >= 0.95 && JaroWinkler.Similarity(a, b) is var jw && jw >= 0.95 && (byKey ? SkeletonFactor : 1) * Calibrate(jw) >= bar
                && DistinctivePartsAlike(query, listed, byKey) && query.Numerals == listed.Numerals)
            {
                return true;
            }
        }

        // Parts that might pair joined (the cheap checks of JoinedSimilarity pass) might pair perfectly.
        var joined = MarkJoins(qp, cp, bestQ, bestC, byKey) | MarkJoins(cp, qp, bestC, bestQ, byKey);
        return joined && Bound(qp, cp, bestQ, bestC, lenientOnListedParts) >= bar;
    }

    // matched <= M (each part pairs at most once, at most as well as its best partner); parts with no possible partner
    // stay unpaired and count in the total at no less than their smallest factor. So score <= M / (M + D). The lenient
    // factors for unpaired query parts and lineages apply only once two pairs are made.
    private static double Bound(ReadOnlySpan<PartInfo> query, ReadOnlySpan<PartInfo> listed, ReadOnlySpan<double> bestQ, ReadOnlySpan<double> bestC, bool lenientOnListedParts)
    {
        int pairableQ = 0, pairableC = 0;
        foreach (var b in bestQ)
        {
            pairableQ += b > 0 ? 1 : 0;
        }

        foreach (var b in bestC)
        {
            pairableC += b > 0 ? 1 : 0;
        }

        var twoPairs = lenientOnListedParts && Math.Min(pairableQ, pairableC) >= 2;
        double m = 0, d = 0;
        for (var i = 0; i < bestQ.Length; i++)
        {
            m += bestQ[i] * query[i].Weight;
            if (bestQ[i] == 0)
            {
                d += query[i].Weight * (!twoPairs ? 1 : query[i].InLineage ? LineageFactor120 : UnpairedQueryPartsFactor120);
            }
        }

        for (var j = 0; j < bestC.Length; j++)
        {
            m += bestC[j] * listed[j].Weight;
            if (bestC[j] == 0)
            {
                d += listed[j].Weight * (!lenientOnListedParts ? 1 : twoPairs && listed[j].InLineage ? LineageFactor120 : UnpairedListedPartsFactor);
            }
        }

        return m + d > 0 ? m / (m + d) : 0;
    }

    // The row of cached similarities for listed part j, when similarities are cached (not for comparisons by key).
    private static Span<double> RowOf(PreparedName listed, int j, bool byKey, TokenCache? cache) =>
        cache is not null && listed.TokenIds is { } ids && !byKey ? cache.Row(ids[j]) : default;

    // Similarity of query part i and listed part j, read from or stored in the cache row when there is one.
    private static double PartSimilarity(PreparedName query, int i, PreparedName listed, int j, bool byKey, MatcherVersion version, Span<double> row)
    {
        if (!row.IsEmpty && row[i] != 0)
        {
            return row[i] - 1; // stored plus one, so that 0 means "not computed yet"
        }

        ref readonly var q = ref query.Parts[i];
        ref readonly var c = ref listed.Parts[j];
        double s;
        if (version >= MatcherVersion.V120 && !byKey && UnrelatedByPartInfo(q, c))
        {
            s = 0;
        }
        else
        {
            ref readonly var qt = ref query.Texts[i];
            ref readonly var ct = ref listed.Texts[j];
            s = (q.Numeric || c.Numeric) && !string.Equals(qt.Token, ct.Token, StringComparison.Ordinal)
                ? 0
                : TokenSimilarity(qt.Token, ct.Token, qt.Folded, ct.Folded, qt.Key, ct.Key, q.LegalForm, c.LegalForm, byKey,
                    version, digitsChecked: true, new LetterMasks(q.Letters, c.Letters, q.FoldedLetters, c.FoldedLetters));
        }

        if (!row.IsEmpty)
        {
            row[i] = s + 1;
        }

        return s;
    }

    // 1.2.0, words compared as written: whether TokenSimilarity would find the two parts unrelated by its letter-mask
    // bounds, told from the parts' lengths and masks alone (without reading the words, which for a listed name lie
    // elsewhere in memory: most pairs of parts a query meets are unrelated). Conservative: not for an initial, two legal
    // forms, or two words of four letters or more that start alike and may share their consonant key; Winkler's
    // prefix bonus assumed whole unless the words start differently (folded words: always).
    internal static bool UnrelatedByPartInfo(in PartInfo a, in PartInfo b) =>
        a.Length > 1 && b.Length > 1 && !(a.LegalForm && b.LegalForm)
        && !(a.Length >= 4 && b.Length >= 4 && a.First == b.First && a.KeyLength == b.KeyLength && a.KeyFirst == b.KeyFirst)
        && JaroWinkler.UpperBound(a.Length, a.Letters, b.Length, b.Letters, a.First == b.First) < MinTokenSimilarity
        && JaroWinkler.UpperBound(a.FoldedLength, a.FoldedLetters, b.FoldedLength, b.FoldedLetters) < MinFoldedSimilarity;

    // Below the cut-off by Jaro-Winkler's upper bound: first from the letter masks made once per part, when there are
    // any (cheap, looser), then from the letters themselves.
    private static bool Below(string a, string b, ulong maskA, ulong maskB, double cut) =>
        (maskA != 0 && maskB != 0 && JaroWinkler.UpperBound(a, maskA, b, maskB) < cut) || JaroWinkler.UpperBound(a, b) < cut;

    // Whether none of the name's numbers found a partner.
    private static bool NoneNumeralPaired(PreparedName name, ReadOnlySpan<int> pair)
    {
        for (var i = 0; i < pair.Length; i++)
        {
            if (name.Numeral[i] && pair[i] >= 0)
            {
                return false;
            }
        }

        return true;
    }

    // 1.3.0: names alike when compared whole must be alike without their legal forms, generic words and titles too. A
    // long legal form shared at the start ("LIMITED LIABILITY COMPANY ...") made Jaro-Winkler on the whole names 0.95 or
    // more for two companies with nothing else in common. (Always true for names made by earlier versions, which keep
    // DistinctiveJoined equal to Joined.)
    private static bool DistinctivePartsAlike(PreparedName query, PreparedName listed, bool byKey)
    {
        var (a, b) = byKey ? (query.DistinctiveJoinedKey, listed.DistinctiveJoinedKey) : (query.DistinctiveJoined, listed.DistinctiveJoined);
        var (whole, otherWhole) = byKey ? (query.JoinedKey, listed.JoinedKey) : (query.Joined, listed.Joined);
        return (ReferenceEquals(a, whole) && ReferenceEquals(b, otherWhole)) || JaroWinkler.Similarity(a, b) >= 0.95;
    }

    // Up to three parts may be joined: "عبدالخالق" / "Abd al-Khaliq", "Abdelrahman" / "Abd al-Rahman".
    private const int MaxJoinSpan = 3;

    // Marks as perfectly paired every span of adjacent parts of a that might pair joined with a part of b, and that part
    // (MayJoin, with each span's lengths summed once); whether there was any.
    private static bool MarkJoins(ReadOnlySpan<PartInfo> a, ReadOnlySpan<PartInfo> b, Span<double> bestA, Span<double> bestB, bool byKey)
    {
        // The parts of b long enough to pair with a join, and the longest of them (in letters, or in key letters by key).
        ulong longEnough = 0;
        var longest = 0;
        for (var j = 0; j < b.Length; j++)
        {
            if (LongEnoughToJoin(b[j].Length, b[j].KeyLength, byKey))
            {
                longEnough |= 1UL << j;
                longest = Math.Max(longest, byKey ? b[j].KeyLength : b[j].Length);
            }
        }

        var any = false;
        for (var i = 0; longEnough != 0 && i + 1 < a.Length; i++)
        {
            // Two parts from a[i] already too long for the longest part of b (MayJoin's length ratio): so is every span.
            var shortest = byKey ? a[i].KeyLength + a[i + 1].KeyLength : a[i].Length + a[i + 1].Length;
            if (longest < shortest && LengthRatio(shortest, longest) < (byKey ? 0.75 : 0.8))
            {
                continue;
            }

            // The parts of b that a join starting at a[i] might pair with, whatever its span: those MayJoin's first two
            // conditions (a shared first letter, enough letters) let through. Most parts have none.
            ulong partners = 0;
            for (var rest = longEnough; rest != 0; rest &= rest - 1)
            {
                var j = System.Numerics.BitOperations.TrailingZeroCount(rest);
                partners |= (StartAlike(a[i], b[j]) ? 1UL : 0UL) << j;
            }

            int length = a[i].Length, keyLength = a[i].KeyLength;
            for (var span = 2; partners != 0 && span <= MaxJoinSpan && i + span <= a.Length; span++)
            {
                length += a[i + span - 1].Length;
                keyLength += a[i + span - 1].KeyLength;
                if (!LongEnoughToJoin(length, keyLength, byKey))
                {
                    continue;
                }

                for (var rest = partners; rest != 0; rest &= rest - 1)
                {
                    var j = System.Numerics.BitOperations.TrailingZeroCount(rest);
                    if (MayJoin(a, i, span, length, keyLength, b[j], byKey))
                    {
                        bestA.Slice(i, span).Fill(1);
                        bestB[j] = 1;
                        any = true;
                    }
                }
            }
        }

        return any;
    }

    // The cheap checks of JoinedSimilarity for the span parts of a from i, whose lengths and key lengths add up to
    // length and keyLength, against the part b: they start like it, are about as long, and (Latin) have letters enough in
    // common (MayJoinAlike).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool MayJoin(ReadOnlySpan<PartInfo> a, int i, int span, int length, int keyLength, in PartInfo b, bool byKey)
    {
        return StartAlike(a[i], b) && LongEnoughToJoin(length, keyLength, byKey) && LongEnoughToJoin(b.Length, b.KeyLength, byKey) && (byKey
            ? LengthRatio(keyLength, b.KeyLength) >= 0.75
            : LengthRatio(length, b.Length) >= 0.8 && MayJoinAlike(a, i, span, length, b));
    }

    // Whether a join starting with part a may pair with part b by their starts: the same first letter, or the same first
    // consonant of key (or either has no key).
    private static bool StartAlike(in PartInfo a, in PartInfo b) =>
        a.KeyLength == 0 || b.KeyLength == 0 || a.KeyFirst == b.KeyFirst || a.First == b.First;

    // A joined pair needs three consonants of key on each side (Arabic script) or five letters (Latin).
    private static bool LongEnoughToJoin(int length, int keyLength, bool byKey) => byKey ? keyLength >= 3 : length >= 5;

    // Whether the joined parts and the other part can be 0.9 alike, as JoinedSimilarity needs, by Jaro-Winkler's upper
    // bound from the parts' letter masks (each letter of one missing from the other leaves a character unmatched; the
    // longest common prefix assumed): written as they are (0.9375, calibrated 0.9) or folded (0.9609, 0.96 x
    // calibrated 0.9); or a legal form on the other side, which a joined legal form matches at 0.9 whatever its letters.
    // Latin parts only (consonant keys carry no masks).
    private static bool MayJoinAlike(ReadOnlySpan<PartInfo> a, int i, int span, int length, in PartInfo b)
    {
        if (b.LegalForm)
        {
            return true;
        }

        ulong letters = 0, folded = 0;
        var foldedLength = 0;
        for (var k = i; k < i + span; k++)
        {
            letters |= a[k].Letters;
            folded |= a[k].FoldedLetters;
            foldedLength += a[k].FoldedLength;
        }

        return JaroWinkler.UpperBound(length, letters, b.Length, b.Letters) >= 0.9375 - 1e-9
            || JaroWinkler.UpperBound(foldedLength, folded, b.FoldedLength, b.FoldedLetters) >= 0.9609 - 1e-9;
    }

    /// <summary>
    /// Similarity of <paramref name="span"/> adjacent parts of <paramref name="a"/> from <paramref name="i"/>, joined, with one
    /// part of <paramref name="b"/>; 0 below a near match.
    /// </summary>
    private static double JoinedSimilarity(PreparedName a, int i, int span, PreparedName b, int j, bool byKey, MatcherVersion version)
    {
        // Cheap checks first: the joined parts must start like the other part, be about as long, and (Latin) have letters
        // enough in common.
        int length = 0, keyLength = 0;
        for (var k = i; k < i + span; k++)
        {
            length += a.Parts[k].Length;
            keyLength += a.Parts[k].KeyLength;
        }

        if (!MayJoin(a.Parts, i, span, length, keyLength, b.Parts[j], byKey))
        {
            return 0;
        }

        var other = b.Tokens[j];
        var joinedKey = string.Concat(a.Keys.AsSpan(i, span));
        var joined = string.Concat(a.Tokens.AsSpan(i, span));
        var s = TokenSimilarity(joined, other, string.Concat(a.Folded.AsSpan(i, span)), b.Folded[j], joinedKey, b.Keys[j],
            NameTerms.CategoryOf(joined, version) == "legal-form", b.LegalForm[j], byKey, version);
        return s >= 0.9 ? s : 0;
    }

    // 1.2.0: a lineage ("ben Ali ben Belkassem", "ould Mohamed") is often left out by one agency; once two parts are
    // paired, its unpaired parts cost a quarter.
    private const double LineageFactor120 = 0.25;

    private static bool InLineage(PreparedName name, int i) => name.Parts[i].InLineage;

    private static bool Free(Span<int> paired, int from, int span)
    {
        for (var k = 0; k < span; k++)
        {
            if (paired[from + k] >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A candidate pairing: <see cref="QSpan"/> query parts from <see cref="I"/> with <see cref="CSpan"/> listed parts from <see cref="J"/>.</summary>
    private readonly record struct Pair(double Sim, int I, int J, int QSpan, int CSpan);

    private const double InitialSimilarity120 = 0.75;

    private const double LatinKeySimilarity = 0.86;

    // 1.2.0: a loose resemblance ("isla" / "milad", "manon" / "antonio") is hardly evidence; similarities below 0.85
    // fall off steeply, so one exact word and one loosely similar word do not add up to a hit.
    private static double Weak(double similarity) => similarity >= 0.85 ? similarity : similarity * (similarity / 0.85) * (similarity / 0.85);

    private static double LengthRatio(string a, string b) => LengthRatio(a.Length, b.Length);

    private static double LengthRatio(int a, int b) => (double)Math.Min(a, b) / Math.Max(a, b);

    internal static bool IsRomanNumeral(string s) => s.Length is > 1 and <= 4 && !s.AsSpan().ContainsAnyExcept("ivx");

    // A single i, v or x: an initial, or a numeral ending a name (MARIE DE LOURDES I).
    internal static bool IsNumeralLetter(string s) => s is "i" or "v" or "x";

    internal static bool HasDigit(string s) => s.AsSpan().ContainsAnyInRange('0', '9');
}

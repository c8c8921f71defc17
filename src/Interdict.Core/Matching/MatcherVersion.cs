namespace Interdict.Core.Matching;

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

    /// <summary>
    /// 2.0.0: matcher 1.5.0's comparison with named rules around it (docs/matching.md, "Rules"): legal forms written out
    /// or abbreviated in many languages are one word, numbers in any form (3, III, three, third) are one number, given
    /// names meet their hypocorisms (Tom / Thomas), an organisation's acronym of its own words is one of its names, digits
    /// typed for letters are read as letters, names in the same non-Latin script are compared in that script too, the
    /// father's name after bin / ibn / ben is not the person's own name, and year-only placeholder dates of birth are
    /// read as such. Names in Arabic and Hebrew script are retrieved word by word (docs/decisions/0009).
    /// </summary>
    V200 = 20,

    /// <summary>
    /// 2.1.0: matcher 2.0.0 with two names written in Arabic or Hebrew script also compared letter by letter in that
    /// script (as Han and Hangul already were), by letter pairs, after the spellings of one letter are made one (hamza
    /// seats, ى ي ی, ة ه, ك ک, final forms) and the article removed: two different names no longer meet by their consonant keys alone
    /// (أحمد الحداد / حمید واحدی); two query words joined retrieve a listed word by key only when their keys are as alike
    /// as a joined pair needs (Jaro-Winkler 0.96, not 0.85); and a query read into keys is retrieved by its words' keys
    /// only, not also by the trigrams of its keys: an Arabic-script query meets a third of the candidates it met
    /// (docs/decisions/0011).
    /// </summary>
    V210 = 21,

    /// <summary>The current version (the default): 2.1.0 (docs/decisions/0011).</summary>
    Current = V210,
}

/// <summary>Names and parsing of <see cref="MatcherVersion"/>.</summary>
public static class MatcherVersions
{
    /// <summary>Every selectable version, oldest first.</summary>
    public static IReadOnlyList<MatcherVersion> All { get; } = [MatcherVersion.V110, MatcherVersion.V120, MatcherVersion.V130, MatcherVersion.V140, MatcherVersion.V150, MatcherVersion.V200, MatcherVersion.V210];

    /// <summary>Every selectable version's name, oldest first, for messages: <c>1.1.0, 1.2.0, ... 2.0.0, 2.1.0</c>.</summary>
    public static string Names => string.Join(", ", All.Select(v => v.Name()));

    /// <summary>The version string, e.g. <c>1.2.0</c>.</summary>
    public static string Name(this MatcherVersion version) => version switch
    {
        MatcherVersion.V110 => "1.1.0",
        MatcherVersion.V120 => "1.2.0",
        MatcherVersion.V130 => "1.3.0",
        MatcherVersion.V140 => "1.4.0",
        MatcherVersion.V150 => "1.5.0",
        MatcherVersion.V200 => "2.0.0",
        MatcherVersion.V210 => "2.1.0",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>Reads <c>1.1.0</c>, <c>1.1</c>, … <c>1.5.0</c>, <c>1.5</c>, <c>2.0.0</c>, <c>2.0</c>, <c>2.1.0</c>, <c>2.1</c> or <c>current</c>.</summary>
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
            case "1.5.0" or "1.5":
                version = MatcherVersion.V150;
                return true;
            case "2.0.0" or "2.0":
                version = MatcherVersion.V200;
                return true;
            case "2.1.0" or "2.1" or "2" or "current":
                version = MatcherVersion.V210;
                return true;
            default:
                return false;
        }
    }
}

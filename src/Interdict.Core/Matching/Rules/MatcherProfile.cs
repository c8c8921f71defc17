namespace Interdict.Core.Matching.Rules;

/// <summary>
/// What one version of the matcher does beyond matcher 1.5.0's comparison: its declared rules and settings, in one
/// place. The comparison (NameMatcher) and the engine read this profile; they do not test version numbers for the rules
/// listed here. To add a rule: write it as a small type in this folder (with its data file in Core/Data), add it to the
/// profile of a new version, and give it a test of its own (docs/matching.md, "Rules").
/// </summary>
internal sealed record MatcherProfile
{
    private static readonly MatcherProfile None = new([]);

    private static readonly MatcherProfile V200 = new(
        [LegalFormRule.Instance, NumberRule.Instance])
    {
        LegalFormsNeutral = true,
        Hypocorisms = true,
        DigitsForLetters = true,
        Acronyms = true,
        SameScript = true,
        LineageRoles = true,
        PatronymicRoles = true,
        DatePlaceholders = true,
        DifferentNumbersCap = 0.75,
    };

    // 2.1.0: 2.0.0's rules (a copy of its profile: a setting added later keeps 2.0.0's value here unless set), the
    // same-script comparison extended to Arabic and Hebrew script, joined query words retrieving listed words by key only
    // as alike as a joined pair must be, and queries read into keys retrieved by their words' keys only (decision 0011).
    private static readonly MatcherProfile V210 = V200 with
    {
        SameScriptVowelless = true,
        JoinedKeyCut = 0.96,
        VowellessByKeyWordsOnly = true,
    };

    private MatcherProfile(IReadOnlyList<ITokenRule> tokenRules) => TokenRules = tokenRules;

    /// <summary>The profile of <paramref name="version"/>: none of these rules before 2.0.0.</summary>
    public static MatcherProfile For(MatcherVersion version) => version switch
    {
        >= MatcherVersion.V210 => V210,
        MatcherVersion.V200 => V200,
        _ => None,
    };

    /// <summary>Rules that rewrite a name's words before comparison, on both sides, in this order.</summary>
    public IReadOnlyList<ITokenRule> TokenRules { get; }

    /// <summary>
    /// A legal form pairs only with a legal form, and two paired legal forms weigh nothing on either side: they say what
    /// kind of company, not which one (<see cref="LegalFormRule"/>).
    /// </summary>
    public bool LegalFormsNeutral { get; private init; }

    /// <summary>A given name meets its familiar forms (<see cref="HypocorismRule"/>).</summary>
    public bool Hypocorisms { get; private init; }

    /// <summary>A query with digits inside words is also read with them as letters (<see cref="DigitsForLettersRule"/>).</summary>
    public bool DigitsForLetters { get; private init; }

    /// <summary>An organisation's acronym of its own words is one of its names (<see cref="AcronymRule"/>).</summary>
    public bool Acronyms { get; private init; }

    /// <summary>Names in the same non-Latin script are compared in that script too (<see cref="SameScriptRule"/>).</summary>
    public bool SameScript { get; private init; }

    /// <summary>
    /// The same-script comparison also covers names written in Arabic or Hebrew script (<see cref="SameScriptRule"/>),
    /// which 2.0.0 compared by consonant key alone.
    /// </summary>
    public bool SameScriptVowelless { get; private init; }

    /// <summary>
    /// How alike by key (Jaro-Winkler) two query words joined must be to a listed word for the name holding it to be a
    /// candidate (<see cref="KeyWordIndex"/>). 2.0.0: 0.85, as for a single word; 2.1.0: 0.96, the least a joined pair
    /// compared by key can score and still pair (0.96 × calibrated ≥ 0.9 needs 0.9609), so a name is no longer retrieved
    /// for a join that cannot pair.
    /// </summary>
    public double JoinedKeyCut { get; private init; } = 0.85;

    /// <summary>
    /// A query read into consonant keys (Arabic, Hebrew script) is retrieved by its words' keys alone
    /// (<see cref="KeyWordIndex"/>), not also by the trigrams of its keys against every listed name's folded words, which
    /// in 2.0.0 brought ~110 candidates per query that could not pair with it (and, through the keys, a few false alerts
    /// across scripts: אורי מלכה / مالك علياء).
    /// </summary>
    public bool VowellessByKeyWordsOnly { get; private init; }

    /// <summary>A person's own name does not pair with a father's name after bin / ibn / ben (<see cref="RoleRule"/>).</summary>
    public bool LineageRoles { get; private init; }

    /// <summary>An East Slavic patronymic pairs only with a patronymic (<see cref="RoleRule"/>).</summary>
    public bool PatronymicRoles { get; private init; }

    /// <summary>
    /// The highest name score of two names whose numbers all differ (ARK 5 / ARK III, BRANCH 3 / BRANCH 1 OF THE SHIRAZ
    /// REVOLUTIONARY COURT): below any threshold a date or country can lift to the default. 1 before 2.0.0, where such
    /// numbers only weighed as a five-letter word and long names still met.
    /// </summary>
    public double DifferentNumbersCap { get; private init; } = 1;

    /// <summary>A 1 January date of birth is read as a year-only placeholder (<see cref="DatePlaceholderRule"/>).</summary>
    public bool DatePlaceholders { get; private init; }
}

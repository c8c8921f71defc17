using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Interdict.Core.Matching.Rules;
using Interdict.Core.Model;
using Interdict.Core.Text;

namespace Interdict.Core.Matching;

/// <summary>The outcome of screening one query.</summary>
/// <param name="Hits">Hits at or above the threshold, best first.</param>
/// <param name="Warnings">Parts of the query that could not be understood and were ignored.</param>
public sealed record ScreeningResult(IReadOnlyList<ScreeningHit> Hits, IReadOnlyList<string> Warnings);

/// <summary>
/// Screens names against loaded lists. Build it once (it indexes every name and alias); it is then safe to use from many threads.
/// </summary>
public sealed partial class ScreeningEngine
{
    // Candidate retrieval: names sharing at least this share of the query's trigrams are scored, at most MaxCandidates of them.
    private const double MinTrigramShare = 0.26;
    private const int MaxCandidates = 1000;

    // 1.2.0: and only names whose weighted trigram Dice similarity to the query is at least this share of the lowest
    // name score a hit needs. Measured on the development sets (bench `dice`): at 0.83 the cut is a Dice of 0.29; 0.1%
    // of the names that make hits lie below it, and half of all candidates.
    private const double DiceFactor = 0.35;

    // 1.5.0: 0.38 (a Dice of 0.315 at 0.83). Measured on the benchmark's misspelt listed names and the labelled sets: the
    // index returns as many of exhaustive scoring's hits as at 0.35 (recall 3000: 99.60%; 0.40 lost two, 99.50%), and a
    // near hit meets fewer candidates (12-14% faster; docs/benchmarks.md, session 8).
    private const double DiceFactor150 = 0.38;

    // Names in Arabic script are retrieved by consonant keys, which are short and share more trigrams: more candidates.
    private const int MaxKeyCandidates = 3000;

    private const double MinKeyShare = 0.15;

    private readonly Entity[] _entities;
    private readonly ListVersionRef[] _entityVersion;
    private readonly NameEntry[] _names;
    private readonly int[] _firstName; // index in _names of each entity's first name; an entity's names are contiguous
    private readonly TrigramIndex _index;
    private readonly Lazy<TrigramIndex> _skeletonIndex; // for vowel-less (Arabic, Hebrew script) queries; built on first use
    private readonly Lazy<KeyWordIndex> _keyWords; // the same, from 2.0.0
    private readonly Lazy<(int Name, string Initials, ulong Linking)[]> _acronymNames; // 2.0.0: organisations' names of three words or more
    private readonly FrozenDictionary<string, int[]> _byIdentifier;
    private readonly FrozenDictionary<string, int> _byId;
    private readonly string[][] _entityCountries;

    private readonly MatcherVersion _version;
    private readonly MatcherProfile _profile;
    private readonly int _vocabulary;

    /// <summary>Indexes the entities of the given lists for one version of the name matcher (default: the current one).</summary>
    public ScreeningEngine(IEnumerable<WatchList> lists, MatcherVersion matcher = MatcherVersion.Current)
    {
        _version = matcher;
        _profile = MatcherProfile.For(matcher);
        ArgumentNullException.ThrowIfNull(lists);
        var entities = new List<Entity>();
        var versions = new List<ListVersionRef>();
        var names = new List<NameEntry>();
        var identifiers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var firstName = new List<int>();
        Lists = lists.ToArray();
        ListVersions = [.. Lists.Select(l => new ListVersionRef(l.Id, l.PublicationDate, l.ContentHash))];

        // Preparing names (folding, keys) is the costly part of the build, and independent per entity: done in parallel.
        var all = Lists.SelectMany(l => l.Entities).ToArray();
        var preparedNames = new PreparedName[all.Length][];
        Parallel.For(0, all.Length, i => preparedNames[i] = [.. all[i].Names.Select(n => new PreparedName(n.Value, matcher))]);
        var flat = 0;
        for (var l = 0; l < Lists.Count; l++)
        {
            var list = Lists[l];
            var version = ListVersions[l];
            foreach (var entity in list.Entities)
            {
                var e = entities.Count;
                entities.Add(entity);
                firstName.Add(names.Count);
                versions.Add(version);
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                var entityNames = preparedNames[flat++];
                for (var n = 0; n < entity.Names.Count; n++)
                {
                    var prepared = entityNames[n];
                    var weak = matcher >= MatcherVersion.V140 && entity.Names[n].Quality == AliasQuality.Weak;
                    // The same name folded twice (case or punctuation variants) is indexed once; from 1.4.0 as a strong
                    // name if it is published as one.
                    if (prepared.Tokens.Length == 0)
                    {
                        continue;
                    }

                    var key = string.Join(' ', prepared.Tokens);
                    if (!seen.TryGetValue(key, out var earlier))
                    {
                        seen[key] = names.Count;
                        names.Add(new NameEntry(e, n, prepared, weak, entity.Kind == EntityKind.Person));
                    }
                    else if (!weak && names[earlier].Weak)
                    {
                        names[earlier] = names[earlier] with { NameIndex = n, Weak = false };
                    }
                }

                foreach (var doc in entity.Documents)
                {
                    if (doc.NormalizedNumber.Length >= 4)
                    {
                        if (!identifiers.TryGetValue(doc.NormalizedNumber, out var ids))
                        {
                            identifiers[doc.NormalizedNumber] = ids = [];
                        }

                        if (ids.Count == 0 || ids[^1] != e)
                        {
                            ids.Add(e);
                        }
                    }
                }
            }
        }

        // Distinct listed words get ids: a query's word similarities are then cached per listed word in arrays. A word is
        // its token and its consonant key: a legal form keeps the key of its words as written ("co" read from SHARIKAH
        // is "srk", from Co. "k"), which a query compared by key meets.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in names)
        {
            var tokens = entry.Name.Tokens;
            var keys = entry.Name.Keys;
            var ids = new int[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                var word = string.Concat(tokens[i], "\u0001", keys[i]);
                ids[i] = vocabulary.TryGetValue(word, out var id) ? id : vocabulary[word] = vocabulary.Count;
            }

            entry.Name.TokenIds = ids;
        }

        _vocabulary = vocabulary.Count;
        _entities = [.. entities];
        _entityVersion = [.. versions];
        _names = [.. names];
        _firstName = [.. firstName, names.Count];
        // 1.2.0 indexes the romanisation-folded parts (so "Kasim" retrieves "Qasem") and weighs trigrams by rarity.
        // (For 1.1.0 the folded parts are the parts themselves.)
        _index = new TrigramIndex(_names.Select(n => n.Name.Folded).ToArray(), weighted: matcher >= MatcherVersion.V120);
        _skeletonIndex = new Lazy<TrigramIndex>(() => new TrigramIndex(_names.Select(n => n.Name.Keys).ToArray(), weighted: matcher >= MatcherVersion.V120));
        _keyWords = new Lazy<KeyWordIndex>(() => new KeyWordIndex(_names.Select(n => n.Name.Keys).ToArray(), _profile.JoinedKeyCut));
        _acronymNames = new Lazy<(int, string, ulong)[]>(() => [.. Enumerable.Range(0, _names.Length)
            .Where(n => _entities[_names[n].Entity].Kind == EntityKind.Organization && !_names[n].Name.Vowelless)
            .Select(n => (n, AcronymRule.Initials(_names[n].Name.Tokens, out var linking), linking))
            .Where(x => x.Item2.Length >= 3)]);
        _byIdentifier = identifiers.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _byId = _entities.Select((x, i) => (x.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _entityCountries = _entities.Select(CountriesOf).ToArray();
        Links = CrossListLinks.Build(_entities);
        // A record of a list that publishes names only (the FCDO's summary export) is screened through its twin on a
        // list that publishes the party's aliases, dates and documents (the OFSI group it cites), when that list is
        // screened too: one alert, which a date of birth can confirm or rule out. Its designations without such a twin
        // (new since the richer list's version, or ships without a group) are screened themselves.
        _screenedThrough = [.. _entities.Select(e => IsNamesOnly(e) && Links.For(e.Id) is { Count: > 0 } twins
            ? twins.Where(t => _byId.TryGetValue(t.EntityId, out var i) && !IsNamesOnly(_entities[i])).Select(t => t.List).Distinct(StringComparer.Ordinal).ToArray() is { Length: > 0 } lists ? lists : null
            : null)];
    }

    // The lists whose record of the same party an entity is screened through (null: it is screened itself).
    private readonly string[]?[] _screenedThrough;

    private static bool IsNamesOnly(Entity e) => e.OtherFacts is [var first, ..] && first.StartsWith(Entity.NamesOnlyMark, StringComparison.Ordinal);

    /// <summary>The records that several of the loaded lists publish for one party.</summary>
    public CrossListLinks Links { get; }

    /// <summary>The matching algorithm and its version, e.g. <c>interdict-name 1.1.0</c>.</summary>
    public static string Algorithm => $"{NameMatcher.Algorithm} {NameMatcher.Version}";

    /// <summary>The matching algorithm and the version this engine runs, e.g. <c>interdict-name 1.1.0</c>.</summary>
    public string AlgorithmName => $"{NameMatcher.Algorithm} {_version.Name()}";

    /// <summary>The matcher version this engine runs.</summary>
    public MatcherVersion Version => _version;

    /// <summary>The lists this engine screens against.</summary>
    public IReadOnlyList<WatchList> Lists { get; }

    /// <summary>The version of each list screened against, in the order of <see cref="Lists"/>.</summary>
    public IReadOnlyList<ListVersionRef> ListVersions { get; }

    /// <summary>Number of indexed names (primary names and aliases, after removing folded duplicates).</summary>
    public int NameCount => _names.Length;

    /// <summary>Finds an entity by id, e.g. <c>ofac-sdn:10481</c>.</summary>
    public Entity? FindEntity(string id) => _byId.TryGetValue(id, out var i) ? _entities[i] : null;

    /// <summary>Screens one query.</summary>
    public ScreeningResult Screen(ScreeningQuery query, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= new ScreeningOptions();
        var warnings = new List<string>();

        var parsed = QueryParser.Parse(query.Name);
        var identifiers = new List<string>(parsed.Identifiers);
        if (parsed.Identifiers.Count > 0)
        {
            warnings.Add($"identifier(s) found in the name and used as identifiers: {string.Join(", ", parsed.Identifiers)}");
        }

        if (!string.IsNullOrWhiteSpace(query.Identifier))
        {
            identifiers.Add(query.Identifier);
        }

        Country? country = null;
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            if (Countries.TryResolve(query.Country, out var resolved))
            {
                country = resolved;
            }
            else
            {
                warnings.Add($"country '{query.Country}' was not recognised and was ignored");
            }
        }

        // The name as written, and (issue #19) as read with letters spaced or dotted apart joined again
        // ("Q.a.s.s.e.m S o l e i m a n i"): each entity keeps its best score over the readings.
        var readings = Readings(parsed.Name);
        var best = new Dictionary<int, (double Score, int Name, int Reading)>(64);
        // The lowest name score that can still make a hit once the query's facts have added what they can.
        var needed = options.Exhaustive ? double.NegativeInfinity : LowestNameScore(options.Threshold, query.DateOfBirth is not null, country is not null);
        var acronyms = new Dictionary<int, string>();
        for (var r = 0; r < readings.Length; r++)
        {
            ScoreCandidates(readings[r], r, options, needed, best);
            if (_profile.Acronyms)
            {
                ScoreAcronyms(readings[r], r, options, best, acronyms);
            }
        }

        // Entities whose identifier the query carries are candidates whatever their name score.
        var identifierMatches = new Dictionary<int, string>();
        foreach (var raw in identifiers)
        {
            foreach (var number in IdentifierCandidates(raw))
            {
                if (_byIdentifier.TryGetValue(number, out var hitsForNumber))
                {
                    foreach (var e in hitsForNumber)
                    {
                        if (Selected(e, options))
                        {
                            // The entity's best name, compared in full: its names may have been skipped as unable to reach a hit.
                            for (var r = 0; r < readings.Length; r++)
                            {
                                var (nameScore, nameIndex) = BestNameOf(e, readings[r]);
                                if (nameIndex >= 0)
                                {
                                    identifierMatches.TryAdd(e, number);
                                    if (!best.TryGetValue(e, out var current) || nameScore > current.Score)
                                    {
                                        best[e] = (nameScore, nameIndex, r);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        var hits = new List<ScreeningHit>();
        var placeholderTolerance = _profile.DatePlaceholders ? options.PlaceholderDateToleranceYears : -1;
        foreach (var (e, (nameScore, n, reading)) in best)
        {
            var entity = _entities[e];
            var entry = _names[n];
            // Scored first without the facts' explanations (most candidates fall short), then again with them for a hit.
            if (ScoreWithFacts(query, country, e, n, nameScore, identifierMatches, placeholderTolerance, facts: null) < options.Threshold)
            {
                continue;
            }

            var facts = new List<FactEffect>();
            var score = ScoreWithFacts(query, country, e, n, nameScore, identifierMatches, placeholderTolerance, facts);
            var similarity = nameScore / entry.Factor;
            var name = entity.Names[entry.NameIndex];
            var comparison = acronyms.TryGetValue(e, out var acronym) && nameScore == AcronymRule.Score
                ? new NameComparison(nameScore, [new TokenAlignment(acronym, string.Join(' ', entry.Name.Tokens), AcronymRule.Score, 1, Rule: $"acronym: {acronym} = {name.Value}")])
                : NameMatcher.Compare(readings[reading], entry.Name, entity.Kind == EntityKind.Person, explain: true, _version);
            if (readings[reading].Reading is { } read)
            {
                facts.Insert(0, new FactEffect("reading", 0, read));
            }
            hits.Add(new ScreeningHit
            {
                EntityId = entity.Id,
                List = entity.ListId,
                SourceId = entity.SourceId,
                Name = entity.Name,
                Kind = entity.Kind,
                MatchedName = name.Value,
                Score = score,
                SameParty = Links.For(entity.Id),
                Explanation = new Explanation
                {
                    Algorithm = NameMatcher.Algorithm,
                    AlgorithmVersion = _version.Name(),
                    NameScore = Math.Round(similarity, 4),
                    MatchedName = name.Value,
                    MatchedNameType = name.TypeName,
                    WeakAlias = name.Quality == AliasQuality.Weak,
                    Alignment = comparison.Alignment,
                    Facts = facts,
                    ListVersion = _entityVersion[e],
                },
            });
        }

        // Best first; ties broken by list id, then the publisher's id (numerically where both are numbers).
        hits.Sort(static (a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a.List, b.List);
            if (c != 0)
            {
                return c;
            }

            return long.TryParse(a.SourceId, out var x) && long.TryParse(b.SourceId, out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(a.SourceId, b.SourceId);
        });
        if (hits.Count > options.Limit)
        {
            hits.RemoveRange(options.Limit, hits.Count - options.Limit);
        }

        return new ScreeningResult(hits, warnings);
    }

    // Scores the candidates of one reading of the query name, keeping each entity's best name over all readings.
    private void ScoreCandidates(PreparedName prepared, int reading, ScreeningOptions options, double needed, Dictionary<int, (double Score, int Name, int Reading)> best)
    {
        if (prepared.Tokens.Length > 0)
        {
            // A candidate whose upper bound is below the lowest name score that can still make a hit (needed), or below
            // its entity's best name so far, is not compared in full.
            // 2.0.0: a query in Arabic or Hebrew script compares listed Latin words by key through the cache too.
            var cache = new TokenCache(prepared.Tokens.Length, _vocabulary, keyRows: prepared.Vowelless && _version >= MatcherVersion.V200);
            // 1.2.0, query not in Arabic script: the Dice cut and lighter generic words apply.
            var latin120 = _version >= MatcherVersion.V120 && !prepared.Vowelless;
            List<int> candidates;
            if (options.Exhaustive)
            {
                candidates = [.. Enumerable.Range(0, _names.Length)];
            }
            else
            {
                // 2.1.0: a name read into consonant keys is retrieved by its words' keys alone (KeyWordIndex); the trigrams of
                // its keys against the folded listed names met only names that could not pair.
                var byTrigram = prepared.Vowelless && _profile.VowellessByKeyWordsOnly ? [] : _index.Candidates(TrigramIndex.Codes(prepared.Folded), MinTrigramShare, MaxCandidates, latin120 ? (_version >= MatcherVersion.V150 ? DiceFactor150 : DiceFactor) * needed : 0,
                    latin120 ? GenericCodes(prepared, _version) : null, GenericTrigramFactor);
                var byKey = !(_version >= MatcherVersion.V120 ? prepared.Vowelless : prepared.Tokens.Any(NameMatcher.IsVowelless)) ? null
                    : _version >= MatcherVersion.V200 && prepared.Vowelless
                    ? _keyWords.Value.Candidates(prepared.Keys)
                    : [.. _skeletonIndex.Value.Candidates(TrigramIndex.Codes(prepared.Keys), MinKeyShare, MaxKeyCandidates).Select(c => c.Name)];
                candidates = new List<int>(byTrigram.Count + (byKey?.Count ?? 0));
                foreach (var (name, _) in byTrigram)
                {
                    candidates.Add(name);
                }

                if (byKey is not null)
                {
                    candidates.AddRange(byKey);
                }
            }

            if (!options.Exhaustive)
            {
                LoadAhead(candidates, prepared.Vowelless, cache);
            }
            foreach (var n in candidates)
            {
                var entry = _names[n];
                if (!Selected(entry.Entity, options))
                {
                    continue;
                }

                var person = entry.Person;
                var known = best.TryGetValue(entry.Entity, out var current);
                if (!options.Exhaustive && !NameMatcher.MayReach(prepared, entry.Name, person, _version, cache, Math.Max(needed, known ? current.Score : needed) / entry.Factor))
                {
                    continue;
                }

                var s = entry.Factor * NameMatcher.Compare(prepared, entry.Name, person, explain: false, _version, cache).Score;
                if (!known || s > current.Score)
                {
                    best[entry.Entity] = (s, n, reading);
                }
            }

            cache.Release();
        }
    }

    // The query name as prepared, then the other ways it may be read (issue #19), each screened, the best kept:
    // - with letters standing alone that spell a word written whole: dotted or hyphenated apart within a word
    //   ("Q.a.s.s.e.m"), or spaced apart, three or more in a row ("S o l e i m a n i") or a whole group between wider
    //   spaces ("V A D  A O");
    // - with words made only of letters drawn like Latin ones (Greek or Cyrillic capitals: "ΤΕΜΡΒΑΝΚ") read as Latin.
    private PreparedName[] Readings(string name)
    {
        var prepared = new PreparedName(name, _version);
        var readings = new List<PreparedName> { prepared };
        if (NameSanitizer.LatinLookAlikeReading(prepared.Text) is { } latin)
        {
            readings.Add(new PreparedName(latin, _version));
        }

        if (!prepared.Vowelless && prepared.Tokens.Any(t => t.Length == 1) && JoinedLetters(prepared.Text) is { } joined)
        {
            readings.Add(new PreparedName(joined, _version));
        }

        // 2.0.0, rule "digits for letters": "Qas3m So1eimani" read as "Qasem Soleimani" (and with 1 as i).
        if (_profile.DigitsForLetters)
        {
            foreach (var read in DigitsForLettersRule.Readings(prepared.Text).Distinct(StringComparer.Ordinal))
            {
                readings.Add(new PreparedName(read, _version) { Reading = $"digits for letters: read as '{read}'" });
            }
        }

        return [.. readings];
    }

    // The name with its letters written apart joined into words, or null when it has none.
    private static string? JoinedLetters(string text)
    {
        var words = new List<string>();
        var run = new List<string>();
        var changed = false;
        void EndRun(int least)
        {
            if (run.Count >= least)
            {
                words.Add(string.Concat(run));
                changed = true;
            }
            else
            {
                words.AddRange(run);
            }

            run.Clear();
        }

        var segments = WideSpace().Split(text);
        foreach (var segment in segments)
        {
            var written = segment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var tokenized = written.Select(NameNormalizer.Tokenize).Where(t => t.Length > 0).ToArray();
            // A group between wider spaces made only of single letters is one word spelt out.
            var spelt = segments.Length > 1 && tokenized.Length >= 2 && tokenized.All(t => t.Length == 1 && IsLoneLetter(t[0]));
            foreach (var tokens in tokenized)
            {
                if (tokens.Length >= 2 && tokens.All(IsLoneLetter))
                {
                    EndRun(3);
                    words.Add(string.Concat(tokens));
                    changed = true;
                }
                else if (tokens.Length == 1 && IsLoneLetter(tokens[0]))
                {
                    run.Add(tokens[0]);
                }
                else
                {
                    EndRun(3);
                    words.AddRange(tokens);
                }
            }

            EndRun(spelt ? 2 : 3);
        }

        return changed ? string.Join(' ', words) : null;
    }

    private static bool IsLoneLetter(string token) => token.Length == 1 && char.IsAsciiLetterOrDigit(token[0]);

    [System.Text.RegularExpressions.GeneratedRegex(@"\s{2,}")]
    private static partial System.Text.RegularExpressions.Regex WideSpace();

    // Where LoadAhead leaves what it read, so that the reads are not dropped as unused.
    [ThreadStatic]
    private static int t_loaded;

    // Reads what the candidate loop will read of each candidate, a step at a time over all of them, before any is
    // compared: its entry, then its prepared name and parts, then its words' rows in the query's cache. A near
    // hit meets about a hundred names scattered over the heap, and each step of one name waits on the step before it;
    // read in passes, the names' reads overlap instead (near hits +9-14%, pinned A/B). On x86 the first passes prefetch
    // instead of reading (+2-3% more): the processor does not wait for a prefetch, where a read that misses holds its
    // place until it returns and a hundred of them fill the processor's window. Only the last pass reads (and makes the
    // rows). Prefetching an address is a hint: one the collector has since moved costs a wasted fetch, nothing more.
    private unsafe void LoadAhead(List<int> candidates, bool queryVowelless, TokenCache cache)
    {
        var loaded = 0;
        if (Sse.IsSupported)
        {
            // Each pass asks for what the next one reads: the entries, then the prepared names, then their parts, texts
            // and joined forms.
            foreach (var n in candidates)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in _names[n])));
            }

            foreach (var n in candidates)
            {
                var name = AddressOf(_names[n].Name);
                Sse.Prefetch0(name);
                Sse.Prefetch0(name + 64);
                Sse.Prefetch0(name + 128);
            }

            foreach (var n in candidates)
            {
                var name = _names[n].Name;
                Sse.Prefetch0(AddressOf(name.Parts));
                Sse.Prefetch0(AddressOf(name.Texts));
                Sse.Prefetch0(AddressOf(name.Joined));
            }
        }
        else
        {
            foreach (var n in candidates)
            {
                loaded += _names[n].Entity;
            }

            foreach (var n in candidates)
            {
                var name = _names[n].Name;
                loaded += name.Parts.Length + name.Texts.Length + name.Joined.Length;
            }
        }

        foreach (var n in candidates)
        {
            var name = _names[n].Name;
            foreach (ref readonly var part in name.Parts.AsSpan())
            {
                // The row MayReach reads: of the word compared as written, or by consonant key when the cache keeps such rows.
                var byKey = name.Vowelless != queryVowelless;
                loaded += part.Word >= 0 && (!byKey || cache.HasKeyRows) ? cache.Row(part.Word, byKey).Length : 0;
            }

            // The words themselves, which the bound reads for the words it compares in full (+1.5%, pinned A/B).
            if (Sse.IsSupported)
            {
                foreach (ref readonly var text in name.Texts.AsSpan())
                {
                    Sse.Prefetch0(AddressOf(text.Token));
                }
            }
        }

        t_loaded = loaded;
    }

    // Where an object lies, for a prefetch: taken from the reference itself, without reading the object (as taking a
    // reference to its first element or character would, to check it is not null).
    private static unsafe byte* AddressOf(object o) => (byte*)Unsafe.As<object, IntPtr>(ref o);

    /// <summary>
    /// The lowest name score from which a hit at <paramref name="threshold"/> can still be reached: a consistent date of
    /// birth takes away 30% of the distance to 1 and a matching country 20% (see ApplyDateOfBirth, ApplyCountry); the
    /// entity kind only lowers scores. Identifier matches are found apart from names. A margin covers rounding.
    /// </summary>
    internal static double LowestNameScore(double threshold, bool hasDateOfBirth, bool hasCountry)
    {
        var remaining = (1 - threshold) / ((hasDateOfBirth ? 1 - DateOfBirthLift : 1) * (hasCountry ? 1 - CountryLift : 1));
        return 1 - remaining - 0.001;
    }

    // 1.4.0: a weak alias counts this share of its name similarity. OFAC does not expect weak a.k.a.s to be screened,
    // only used to confirm a hit found otherwise (FAQ 124); so one raises an alert alone only when written nearly as
    // listed (at the default threshold 0.83, a similarity of 0.9 or more). 0.93 is the lowest factor that keeps the
    // development recall (docs/decisions/0007).
    internal const double WeakAliasFactor = 0.93;

    // The share of the distance to 1 that a consistent date of birth, and a matching country, add to a score.
    private const double DateOfBirthLift = 0.3;
    private const double CountryLift = 0.2;

    // 1.2.0: trigrams that only a query's legal forms and generic words have count at this share of their weight in
    // retrieval, as those words count little in the name score ("JOINT STOCK COMPANY" is half of many listed names).
    private const float GenericTrigramFactor = 0.3f;

    // The trigram codes of the query's legal forms and generic words that its other words do not have (ascending); null
    // if none.
    private static int[]? GenericCodes(PreparedName query, MatcherVersion version)
    {
        var generic = new List<string>();
        var other = new List<string>();
        for (var i = 0; i < query.Tokens.Length; i++)
        {
            (NameTerms.CategoryOf(query.Terms[i], version) is "legal-form" or "generic" ? generic : other).Add(query.Folded[i]);
        }

        if (generic.Count == 0 || other.Count == 0)
        {
            return null;
        }

        var others = TrigramIndex.Codes([.. other]);
        return [.. TrigramIndex.Codes([.. generic]).Where(c => Array.BinarySearch(others, c) < 0)];
    }

    private bool Selected(int entity, ScreeningOptions options) =>
        (options.Lists is not { Count: > 0 } lists || lists.Contains(_entities[entity].ListId))
        && (_screenedThrough[entity] is not { } twins || (options.Lists is { Count: > 0 } chosen && !twins.Any(chosen.Contains)));

    // 2.0.0, rule "acronym": a query of one word that is an acronym of a listed organisation's name (AcronymRule.Matches)
    // makes that name score AcronymRule.Score; which acronym matched is kept for the explanation.
    private void ScoreAcronyms(PreparedName query, int reading, ScreeningOptions options, Dictionary<int, (double Score, int Name, int Reading)> best, Dictionary<int, string> acronyms)
    {
        if (query.Tokens.Length != 1 || query.Vowelless || !AcronymRule.MayBeAcronym(query.Tokens[0]))
        {
            return;
        }

        var word = query.Tokens[0];
        foreach (var (n, initials, linking) in _acronymNames.Value)
        {
            var entity = _names[n].Entity;
            if (initials[0] == word[0] && Selected(entity, options) && AcronymRule.Matches(word, initials, linking)
                && (!best.TryGetValue(entity, out var current) || AcronymRule.Score > current.Score))
            {
                best[entity] = (AcronymRule.Score, n, reading);
                acronyms[entity] = word;
            }
        }
    }

    private (double Score, int Index) BestNameOf(int entity, PreparedName query)
    {
        // Index -1 when the entity has no indexable name (every name folded to nothing).
        var bestIndex = -1;
        var bestScore = 0.0;
        var person = _entities[entity].Kind == EntityKind.Person;
        for (var n = _firstName[entity]; n < _firstName[entity + 1]; n++)
        {
            var s = _names[n].Factor * NameMatcher.Compare(query, _names[n].Name, person, explain: false, _version).Score;
            if (bestIndex < 0 || s > bestScore)
            {
                bestScore = s;
                bestIndex = n;
            }
        }

        return (bestScore, bestIndex);
    }

    private static IEnumerable<string> IdentifierCandidates(string raw)
    {
        // The whole text reduced to letters and digits, and each word-like part on its own ("IMO 9187655" -> "9187655").
        var whole = IdentityDocument.NormalizeNumber(raw);
        if (whole.Length >= 4)
        {
            yield return whole;
        }

        foreach (var part in raw.Split([' ', ',', ';', ':', '(', ')', '#'], StringSplitOptions.RemoveEmptyEntries))
        {
            var p = IdentityDocument.NormalizeNumber(part);
            if (p.Length >= 4 && p != whole && p.Any(char.IsAsciiDigit))
            {
                yield return p;
            }
        }
    }

    // An entity's score: its best name's score with the query's facts applied (each effect added to facts when given).
    private double ScoreWithFacts(ScreeningQuery query, Country? country, int e, int n, double nameScore, Dictionary<int, string> identifierMatches,
        int placeholderTolerance, List<FactEffect>? facts)
    {
        var entity = _entities[e];
        var entry = _names[n];
        var score = nameScore;
        if (entry.Weak)
        {
            facts?.Add(new FactEffect("weak_alias", Math.Round(nameScore - nameScore / entry.Factor, 4), string.Create(CultureInfo.InvariantCulture,
                $"the matched name is a weak alias, which alone is no basis for a match: it counts {WeakAliasFactor:0.0#} of its similarity")));
        }

        if (identifierMatches.TryGetValue(e, out var number))
        {
            // Near-conclusive on its own: at least 0.9 whatever the name, and most of the remaining distance otherwise.
            var effect = Math.Max((1 - score) * 0.8, 0.9 - score);
            facts?.Add(new FactEffect("identifier", Math.Round(effect, 4), $"identifier {number} is published for this entity"));
            score += effect;
        }

        // A list that publishes names only (the FCDO's summary export) says so on each hit: no date, country or
        // identifier can confirm or rule it out.
        if (IsNamesOnly(entity))
        {
            facts?.Add(new FactEffect("names_only", 0, entity.OtherFacts[0]));
        }

        score = ApplyKind(query.Kind, entity, score, facts);
        score = ApplyDateOfBirth(query.DateOfBirth, entity, score, facts, placeholderTolerance);
        score = ApplyCountry(country, e, score, facts);
        return Math.Round(Math.Clamp(score, 0, 1), 4);
    }

    private static double ApplyKind(EntityKind kind, Entity entity, double score, List<FactEffect>? facts)
    {
        if (kind == EntityKind.Unknown || entity.Kind == EntityKind.Unknown)
        {
            return score;
        }

        if (kind == entity.Kind)
        {
            facts?.Add(new FactEffect("kind", 0, $"both are {kind.ToWireName()}"));
            return score;
        }

        const double penalty = -0.2;
        facts?.Add(new FactEffect("kind", penalty, $"query is {kind.ToWireName()}, listed entity is {entity.Kind.ToWireName()}"));
        return score + penalty;
    }

    // placeholderTolerance: from 2.0.0, how many years a 1 January date may lie from a published date and be read as
    // consistent (DatePlaceholderRule); -1 before 2.0.0.
    private static double ApplyDateOfBirth(PartialDate? dob, Entity entity, double score, List<FactEffect>? facts, int placeholderTolerance)
    {
        if (dob is not { } date || entity.DatesOfBirth.Count == 0)
        {
            return score;
        }

        var published = facts is null ? "" : string.Join("; ", entity.DatesOfBirth.Select(d => d.Text));
        if (entity.DatesOfBirth.Any(d => d.Overlaps(date)))
        {
            var effect = Math.Round((1 - score) * DateOfBirthLift, 4);
            facts?.Add(new FactEffect("date_of_birth", effect, $"{date} is consistent with published DOB {published}"));
            return score + effect;
        }

        if (placeholderTolerance >= 0 && entity.DatesOfBirth.Any(d => DatePlaceholderRule.Consistent(date, d, placeholderTolerance)))
        {
            facts?.Add(new FactEffect("date_of_birth", 0, DatePlaceholderRule.Explain(date, published, placeholderTolerance)));
            return score;
        }

        // How far outside the nearest published date (in years) the query's date lies.
        var distance = entity.DatesOfBirth.Min(d =>
            date.Latest < d.Earliest ? d.Earliest.Year - date.Latest.Year : date.Earliest.Year - d.Latest.Year);
        var penalty = distance <= 1 ? -0.08 : -0.2;
        facts?.Add(new FactEffect("date_of_birth", penalty, $"{date} differs from published DOB {published}"));
        return score + penalty;
    }

    private double ApplyCountry(Country? country, int entity, double score, List<FactEffect>? facts)
    {
        if (country is null)
        {
            return score;
        }

        var known = _entityCountries[entity];
        if (known.Length == 0)
        {
            return score;
        }

        if (known.Contains(country.Alpha2))
        {
            var effect = Math.Round((1 - score) * CountryLift, 4);
            facts?.Add(new FactEffect("country", effect, $"{country.Name} is among the entity's countries ({string.Join(", ", known)})"));
            return score + effect;
        }

        const double penalty = -0.05;
        facts?.Add(new FactEffect("country", penalty, $"{country.Name} is not among the entity's countries ({string.Join(", ", known)})"));
        return score + penalty;
    }

    private static string[] CountriesOf(Entity entity)
    {
        var texts = entity.Nationalities.Concat(entity.Citizenships)
            .Concat(entity.Addresses.Select(a => a.Country ?? ""))
            .Concat(entity.PlacesOfBirth.Select(p => p.Split(',')[^1]))
            .Concat(entity.Documents.Select(d => d.Country ?? ""))
            .Append(entity.Vessel?.Flag ?? "");
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in texts)
        {
            if (Countries.TryResolve(t, out var c))
            {
                codes.Add(c.Alpha2);
            }
        }

        return [.. codes];
    }

    /// <summary>An indexed name; <paramref name="Weak"/>: from 1.4.0, a weak alias, which counts <see cref="WeakAliasFactor"/> of its similarity.</summary>
    private readonly record struct NameEntry(int Entity, int NameIndex, PreparedName Name, bool Weak, bool Person)
    {
        /// <summary>The share of its similarity the name counts: <see cref="WeakAliasFactor"/> for a weak alias, else 1.</summary>
        public double Factor => Weak ? WeakAliasFactor : 1;
    }
}

using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Core.Text;

namespace Interdict.Payments;

/// <summary>One reason to hold a payment.</summary>
/// <param name="Field">Where in the message, e.g. <c>CdtTrfTxInf/Cdtr/Nm</c> or <c>:59: line 2</c>.</param>
/// <param name="Value">What it says.</param>
/// <param name="Kind"><c>name</c>, <c>bic</c>, <c>jurisdiction</c> or <c>text</c>.</param>
/// <param name="EntityId">The listed entity, for name, BIC and text hits.</param>
/// <param name="Score">The score (1 for a BIC or a jurisdiction).</param>
/// <param name="Explanation">Why, in words.</param>
public sealed record PaymentHit(string Field, string Value, string Kind, string? EntityId, double Score, string Explanation);

/// <summary>The decision on one message.</summary>
/// <param name="File">The file.</param>
/// <param name="MessageId">The message id.</param>
/// <param name="Format">The message type.</param>
/// <param name="Decision"><c>pass</c> or <c>hold</c>.</param>
/// <param name="Hits">Every reason to hold it.</param>
/// <param name="Warnings">What was read but not understood.</param>
public sealed record PaymentResult(string File, string MessageId, string Format, string Decision, IReadOnlyList<PaymentHit> Hits, IReadOnlyList<string> Warnings);

/// <summary>
/// Screens a payment: every party's and agent's name against the lists (with its address's country), their BICs
/// against the BICs the lists publish, their addresses and the free text against sanctioned jurisdictions and regions,
/// and the free text for listed names inside it. Any hit holds the message.
/// </summary>
public sealed class PaymentScreener
{
    /// <summary>Sanctioned jurisdictions and regions by default: ISO codes, and names (towns, ports, regions) as written in addresses.</summary>
    public static IReadOnlyList<string> DefaultJurisdictions { get; } =
        ["IR", "KP", "SY", "CU", "Iran", "North Korea", "Syria", "Cuba", "Crimea", "Sevastopol", "Donetsk", "Luhansk", "Lugansk", "Bandar Abbas", "Tehran", "Pyongyang", "Damascus", "Havana"];

    private readonly ScreeningEngine _engine;
    private readonly double _threshold;
    private readonly double _textThreshold;
    private readonly Dictionary<string, Entity> _bics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _countries = new(StringComparer.Ordinal);
    // Sanctioned places written as words (Bandar Abbas, Crimea), by their first word, for Place's one pass over a text.
    private readonly Dictionary<string, List<string[]>> _placesByFirstWord = new(StringComparer.Ordinal);

    // Every word of every listed name (folded as Words folds), and each with one letter taken out: a word of a text
    // is "like a listed word" when it or one of its own one-letter deletions meets either set (one letter added,
    // dropped, changed or two swapped).
    private readonly HashSet<string> _listedWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listedDeletes = new(StringComparer.Ordinal);

    /// <summary>
    /// Jurisdictions as a setting or an option writes them: comma-separated ISO codes and names; null (the default
    /// set) when it names none.
    /// </summary>
    public static IReadOnlyList<string>? ParseJurisdictions(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } places ? places : null;

    /// <summary>A screener over an engine's lists.</summary>
    public PaymentScreener(ScreeningEngine engine, double threshold, IEnumerable<string>? jurisdictions = null, double textThreshold = 0.93)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _threshold = threshold;
        _textThreshold = textThreshold;
        foreach (var e in engine.Lists.SelectMany(l => l.Entities))
        {
            foreach (var d in e.Documents.Where(d => d.Kind == DocumentKind.SwiftBic && d.NormalizedNumber.Length >= 8))
            {
                _bics.TryAdd(d.NormalizedNumber[..8], e);
            }

            foreach (var name in e.Names)
            {
                foreach (var word in Words(name.Value))
                {
                    if (_listedWords.Add(word) && word.Length >= 3)
                    {
                        foreach (var d in Deletes(word))
                        {
                            _listedDeletes.Add(d);
                        }
                    }
                }
            }
        }

        foreach (var j in jurisdictions ?? DefaultJurisdictions)
        {
            if (j.Length == 2 && j.All(char.IsAsciiLetterUpper))
            {
                _countries.Add(j);
            }
            else
            {
                var place = Words(j);
                if (place.Length > 0)
                {
                    (_placesByFirstWord.TryGetValue(place[0], out var same) ? same : _placesByFirstWord[place[0]] = []).Add(place);
                }
                if (Countries.TryResolve(j, out var c))
                {
                    _countries.Add(c.Alpha2);
                }
            }
        }
    }

    /// <summary>Screens one message.</summary>
    public PaymentResult Screen(PaymentMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var hits = new List<PaymentHit>();
        var warnings = new List<string>();
        var options = new ScreeningOptions { Threshold = _threshold, Limit = 3 };
        foreach (var p in message.Parties)
        {
            if (p.Name is { Length: > 0 } name)
            {
                var built = QueryPolicy.Build(new QueryInput(name, Country: p.Country, Identifier: p.Bic));
                if (built.Query is { } q)
                {
                    foreach (var h in Cached(q, options))
                    {
                        hits.Add(new PaymentHit(p.NamePath ?? p.Path, name, "name", h.EntityId, Math.Round(h.Score, 4), $"{p.Role} '{name}' matches {h.Name} ({h.EntityId}), matched name '{h.MatchedName}'"));
                    }
                }
                else if (built.Error is { } error)
                {
                    warnings.Add($"{p.NamePath}: {error}");
                }
            }

            if (p.Bic is { Length: >= 8 } bic && _bics.TryGetValue(IdentityDocument.NormalizeNumber(bic)[..8], out var listed))
            {
                hits.Add(new PaymentHit(p.Path + (message.Format.StartsWith("MT", StringComparison.Ordinal) ? "" : "/BIC"), bic, "bic", listed.Id, 1, $"{p.Role}'s BIC {bic} is published for {listed.Name} ({listed.Id})"));
            }

            if (p.Country is { } cc && _countries.Contains(cc.Trim().ToUpperInvariant()))
            {
                hits.Add(new PaymentHit(p.Path + "/PstlAdr/Ctry", cc, "jurisdiction", null, 1, $"{p.Role}'s address is in {cc}, a sanctioned jurisdiction"));
            }

            foreach (var (path, line) in p.AddressLines)
            {
                if (Place(line) is { } place)
                {
                    hits.Add(new PaymentHit(path, line, "jurisdiction", null, 1, $"{p.Role}'s address names {place}, a sanctioned jurisdiction or region"));
                }
            }
        }

        foreach (var (path, text) in message.Texts)
        {
            if (Place(text) is { } place)
            {
                hits.Add(new PaymentHit(path, text, "jurisdiction", null, 1, $"the text names {place}, a sanctioned jurisdiction or region"));
            }

            hits.AddRange(TextHits(path, text));
        }

        var distinct = hits.GroupBy(h => (h.Field, h.Kind, h.EntityId)).Select(g => g.MaxBy(h => h.Score)!).ToList();
        return new PaymentResult(message.File, message.MessageId, message.Format, distinct.Count > 0 ? "hold" : "pass", distinct, warnings);
    }

    // Listed names inside longer text. Each run of two to five words (digits included: FU YUAN YU 7603, VATO 2002 EOOD)
    // that neither starts nor ends with a function word ("of", "for", "with") is screened at a higher threshold than a
    // whole name; a hit must pair two distinctive words of the listed name (not legal forms, not generic words such as
    // "consulting"), or be that name's only distinctive word written exactly (six letters or more, or with all the
    // name's other words: DANA HOLDINGS LIMITED): "LTD CONTRACT" is not KONTRAKT OOO, "PTE LTD" is no company. A vessel's name is read where shipping text puts it (after MV, M/T,
    // VESSEL; before VOY) and screened as a vessel (at 0.9 or the name threshold if higher), one word or several (ZEUS, IRAN HORMUZ 12).
    // IMO and other numbers are looked up as identifiers.
    private List<PaymentHit> TextHits(string path, string text)
    {
        var parsed = QueryParser.Parse(text);
        var words = parsed.Name.Split([' ', ',', ';', '/', ':', '(', ')', '.', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('-')).Where(w => w.Length > 0 && w.Any(char.IsLetterOrDigit)).ToArray();
        var lower = words.Select(w => w.ToLowerInvariant()).ToArray();
        var like = words.Select(LikeListedWord).ToArray();
        var best = new Dictionary<string, PaymentHit>(StringComparer.Ordinal);
        void Keep(PaymentHit hit)
        {
            if (!best.TryGetValue(hit.EntityId!, out var seen) || hit.Score > seen.Score)
            {
                best[hit.EntityId!] = hit;
            }
        }

        var options = new ScreeningOptions { Threshold = _textThreshold, Limit = 3 };
        var screened = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var letters = words.Select(w => w.Any(char.IsLetter)).ToArray();
        for (var size = 2; size <= 5; size++)
        {
            for (var i = 0; i + size <= words.Length; i++)
            {
                // A run whose first or last word is like no listed word cannot reach 0.93 on its own words: the run
                // without that word is screened too.
                if (FunctionWords.Contains(lower[i]) || FunctionWords.Contains(lower[i + size - 1]) || !like[i] || !like[i + size - 1]
                    || Array.IndexOf(letters, true, i, size) < 0)
                {
                    continue;
                }

                var window = string.Join(' ', words, i, size);
                if (!screened.Add(window))
                {
                    continue;
                }

                foreach (var h in Cached(new ScreeningQuery { Name = window }, options).Where(Distinctive))
                {
                    Keep(new PaymentHit(path, window, "text", h.EntityId, Math.Round(h.Score, 4), $"the text contains '{window}', matching {h.Name} ({h.EntityId})"));
                }
            }
        }

        var vessel = new ScreeningOptions { Threshold = Math.Max(_threshold, VesselTextThreshold), Limit = 3 };
        foreach (var span in VesselSpans(words, lower).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var h in Cached(new ScreeningQuery { Name = span, Kind = EntityKind.Vessel }, vessel).Where(h => h.Kind == EntityKind.Vessel))
            {
                Keep(new PaymentHit(path, span, "text", h.EntityId, Math.Round(h.Score, 4), $"the text names the vessel '{span}', matching {h.Name} ({h.EntityId})"));
            }
        }

        foreach (var id in parsed.Identifiers)
        {
            foreach (var h in _engine.Screen(new ScreeningQuery { Name = id, Identifier = id }, new ScreeningOptions { Threshold = 0.5, Limit = 1 }).Hits
                .Where(h => h.Explanation.Facts.Any(f => f.Feature == "identifier" && f.Effect > 0)))
            {
                best[h.EntityId] = new PaymentHit(path, id, "text", h.EntityId, 1, $"the text names {id}, published for {h.Name} ({h.EntityId})");
            }
        }

        return [.. best.Values];
    }

    // Whether a word of a text is like a word of a listed name, or cannot be told (letters beyond ASCII after folding:
    // the engine may read it otherwise, so it is screened).
    private bool LikeListedWord(string word)
    {
        var folded = Words(word);
        if (folded.Length != 1)
        {
            return true;
        }

        var w = folded[0];
        if (!w.All(char.IsAscii) || _listedWords.Contains(w) || (w.Length >= 2 && _listedDeletes.Contains(w)))
        {
            return true;
        }

        return w.Length >= 3 && Deletes(w).Any(d => _listedWords.Contains(d) || _listedDeletes.Contains(d));
    }

    private static IEnumerable<string> Deletes(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }

    // A vessel named in free text is a hit at this score or more (STAR HORIZON is not HORIZON STAR at 0.84).
    private const double VesselTextThreshold = 0.9;

    // Words that join a text's parts and begin or end no listed name worth a hold inside free text.
    private static readonly FrozenSet<string> FunctionWords = new[]
    {
        "of", "for", "and", "the", "with", "to", "from", "on", "at", "by", "in", "via", "per", "dd", "no", "nr", "ref", "re", "or", "as", "a", "an",
        "de", "du", "des", "la", "le", "el", "del", "und", "fur", "zu", "von", "pour", "par", "et",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words after which shipping text names a vessel, and words that follow a vessel's name.
    private static readonly FrozenSet<string> VesselBefore = new[] { "mv", "m/v", "mt", "m/t", "ms", "ss", "vsl", "vessel", "tanker", "ship", "per" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> VesselAfter = new[] { "voy", "voyage" }.ToFrozenSet(StringComparer.Ordinal);

    // The run of words where the text names a vessel: after a marker (MV ZEUS FROM ...) or before VOY (FREIGHT AQUA VOY
    // 57D), the whole run up to a function word, another marker or four words; never part of a run (SEA of MV SEA TRADER).
    private static IEnumerable<string> VesselSpans(string[] words, string[] lower)
    {
        bool Stop(string w) => FunctionWords.Contains(w) || VesselBefore.Contains(w) || VesselAfter.Contains(w) || w is "freight" or "shipped" or "charges" or "cargo";
        for (var i = 0; i < words.Length; i++)
        {
            if (VesselBefore.Contains(lower[i]) || (i + 1 < words.Length && lower[i] == "m" && lower[i + 1] is "v" or "t"))
            {
                var from = lower[i] == "m" ? i + 2 : i + 1;
                var size = 0;
                while (size < 4 && from + size < words.Length && !Stop(lower[from + size]))
                {
                    size++;
                }

                if (size > 0)
                {
                    yield return string.Join(' ', words.Skip(from).Take(size));
                }
            }

            if (VesselAfter.Contains(lower[i]))
            {
                var size = 0;
                while (size < 4 && i - size - 1 >= 0 && !Stop(lower[i - size - 1]))
                {
                    size++;
                }

                if (size > 0)
                {
                    yield return string.Join(' ', words.Skip(i - size).Take(size));
                }
            }
        }
    }

    // Whether a hit inside free text rests on the listed name's own words: two distinctive words paired, or its only
    // distinctive word written exactly, long enough not to be an everyday word by chance or with the whole name around it.
    private static bool Distinctive(ScreeningHit hit)
    {
        var pairs = hit.Explanation.Alignment.Where(a => a.Query is { Length: > 0 } && a.Listed is { Length: > 0 } && a.Similarity > 0 && a.Weight >= 0.5
            && a.Rule?.StartsWith("legal form", StringComparison.Ordinal) != true).ToList();
        if (pairs.Count >= 2)
        {
            return true;
        }

        var listedDistinctive = hit.Explanation.Alignment.Count(a => a.Listed is { Length: > 0 } && a.Weight >= 0.5 && a.Rule?.StartsWith("legal form", StringComparison.Ordinal) != true);
        var wholeName = hit.Explanation.Alignment.All(a => a.Listed is not { Length: > 0 } || a.Query is { Length: > 0 });
        return pairs is [var only] && only.Similarity >= 1 && (only.Query!.Length >= 6 || wholeName) && listedDistinctive == 1;
    }

    // Screens through a bounded cache: payment traffic repeats its parties and its words (the same banks, customers,
    // goods and ports), and a screener serves one engine, so a query's hits do not change.
    private IReadOnlyList<ScreeningHit> Cached(ScreeningQuery query, ScreeningOptions options)
    {
        var key = new CacheKey(query.Kind, options.Threshold, options.Limit, query.Name, query.Country, query.Identifier, query.DateOfBirth);
        if (_cache.TryGetValue(key, out var hits))
        {
            return hits;
        }

        hits = _engine.Screen(query, options).Hits;
        // Counted apart: ConcurrentDictionary.Count takes every lock.
        if (Interlocked.Increment(ref _cached) > MaxCached)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cached, 0);
        }

        _cache.TryAdd(key, hits);
        return hits;
    }

    private const int MaxCached = 200_000;
    private int _cached;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<CacheKey, IReadOnlyList<ScreeningHit>> _cache = new(Environment.ProcessorCount, MaxCached);

    private readonly record struct CacheKey(EntityKind Kind, double Threshold, int Limit, string Name, string? Country, string? Identifier, PartialDate? DateOfBirth);

    private string? Place(string text)
    {
        var words = Words(text);
        for (var i = 0; i < words.Length; i++)
        {
            if (!_placesByFirstWord.TryGetValue(words[i], out var places))
            {
                continue;
            }

            foreach (var place in places)
            {
                if (i + place.Length <= words.Length && place.AsSpan().SequenceEqual(words.AsSpan(i, place.Length)))
                {
                    return string.Join(' ', place);
                }
            }
        }

        return null;
    }

    private static string[] Words(string text)
    {
        // ASCII (most payment text): lower-cased and cut at every other character, without the decomposition below.
        if (System.Text.Ascii.IsValid(text))
        {
            return string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var c = source[i];
                    span[i] = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ';
                }
            }).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}

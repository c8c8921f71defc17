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
    private readonly List<string[]> _places = [];

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
        }

        foreach (var j in jurisdictions ?? DefaultJurisdictions)
        {
            if (j.Length == 2 && j.All(char.IsAsciiLetterUpper))
            {
                _countries.Add(j);
            }
            else
            {
                _places.Add(Words(j));
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
                    foreach (var h in _engine.Screen(q, options).Hits)
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

    // Listed names inside longer text: each run of two to five words (and identifiers such as IMO numbers) screened at a
    // higher threshold than a whole name, so that common words alone do not hold a payment.
    private List<PaymentHit> TextHits(string path, string text)
    {
        var parsed = QueryParser.Parse(text);
        var words = parsed.Name.Split([' ', ',', ';', '/', ':', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetter)).ToArray();
        var best = new Dictionary<string, PaymentHit>(StringComparer.Ordinal);
        var options = new ScreeningOptions { Threshold = _textThreshold, Limit = 1 };
        for (var size = 2; size <= 5; size++)
        {
            for (var i = 0; i + size <= words.Length; i++)
            {
                var window = string.Join(' ', words.Skip(i).Take(size));
                foreach (var h in _engine.Screen(new ScreeningQuery { Name = window }, options).Hits)
                {
                    if (!best.TryGetValue(h.EntityId, out var seen) || h.Score > seen.Score)
                    {
                        best[h.EntityId] = new PaymentHit(path, window, "text", h.EntityId, Math.Round(h.Score, 4), $"the text contains '{window}', matching {h.Name} ({h.EntityId})");
                    }
                }
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

    private string? Place(string text)
    {
        var words = Words(text);
        foreach (var place in _places)
        {
            for (var i = 0; i + place.Length <= words.Length; i++)
            {
                if (place.SequenceEqual(words.Skip(i).Take(place.Length)))
                {
                    return string.Join(' ', place);
                }
            }
        }

        return null;
    }

    private static string[] Words(string text)
    {
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

using System.Globalization;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Spectre.Console;

namespace Interdict.Cli;

/// <summary>Tables and summaries for people.</summary>
internal static class Render
{
    public static void Hits(IAnsiConsole console, string query, IReadOnlyList<ScreeningHit> hits, double threshold)
    {
        if (hits.Count == 0)
        {
            console.MarkupLine(CultureInfo.InvariantCulture, $"No hits for [bold]{Markup.Escape(query)}[/] at threshold {threshold:0.###}.");
            return;
        }

        // Records of one party on several lists (linked by UN reference, passport/ID or IMO number) form one alert row.
        var groups = new List<List<ScreeningHit>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in hits)
        {
            if (placed.Add(h.EntityId))
            {
                var linked = h.SameParty.Select(p => p.EntityId).ToHashSet(StringComparer.Ordinal);
                var group = new List<ScreeningHit> { h };
                group.AddRange(hits.Where(o => linked.Contains(o.EntityId) && placed.Add(o.EntityId)));
                groups.Add(group);
            }
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{groups.Count} alert(s), {hits.Count} hit(s) for {Markup.Escape(query)}")
            .AddColumn("Score", c => c.RightAligned())
            .AddColumn("Entity")
            .AddColumn("Kind")
            .AddColumn("Listed name")
            .AddColumn("Matched name")
            .AddColumn("Why");
        foreach (var group in groups)
        {
            var h = group[0];
            var why = string.Join("; ", new[] { $"name {h.Explanation.NameScore:0.00}" }
                .Concat(h.Explanation.Facts.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Feature} {f.Effect:+0.00;-0.00;0}"))));
            table.AddRow(
                h.Score.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(h.EntityId) + string.Concat(group.Skip(1).Select(o => $"\n[grey]same party:[/] {Markup.Escape(o.EntityId)} {o.Score:0.00}"))
                    + string.Concat(h.SameParty.Where(p => !group.Any(g => g.EntityId == p.EntityId)).Select(p => $"\n[grey]also listed as {Markup.Escape(p.EntityId)}[/]")),
                h.Kind.ToWireName(),
                Markup.Escape(h.Name),
                Markup.Escape(h.MatchedName) + (h.Explanation.MatchedNameType == "primary" ? "" : $" [grey]({h.Explanation.MatchedNameType}{(h.Explanation.WeakAlias ? ", weak" : "")})[/]"),
                Markup.Escape(why));
        }

        console.Write(table);
        console.MarkupLine("[grey]A hit is a lead for human review, not a verdict. 'interdict entity ID' shows the full record.[/]");
    }

    // The versions screened against; their load notes only when asked (they describe the list files, not this screen).
    public static void ListFooter(IAnsiConsole console, IReadOnlyList<WatchList> lists, bool notices)
    {
        foreach (var list in lists)
        {
            console.MarkupLine($"[grey]{Markup.Escape(ListSummary(list, withNotices: false))}[/]");
            foreach (var notice in notices ? list.Notices : [])
            {
                console.MarkupLine($"[grey]  note: {Markup.Escape(notice)}[/]");
            }
        }
    }

    public static string ListSummary(WatchList list, bool withNotices = true) => string.Create(CultureInfo.InvariantCulture,
        $"{list.Id}: {list.Entities.Count:N0} entities, published {list.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(date unknown)"}, sha256 {list.ContentHash[..12]}…{(withNotices && list.Notices.Count > 0 ? "; " + string.Join("; ", list.Notices) : "")}");
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists.Bundled;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict lists</c>: the sources, their publication dates and counts by kind and programme.</summary>
internal static class ListsCommand
{
    public static Command Create(CliApplication app)
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("lists", "Show the bundled lists: sources, publication dates, counts by kind and programme.") { format };
        command.SetAction(parse =>
        {
            var lists = BundledLists.Ids.Select(ListCatalog.LoadBundled).ToList();
            if (parse.GetValue(format) == "json")
            {
                var doc = lists.Select(l => new
                {
                    l.Id,
                    l.Title,
                    Url = BundledLists.Sources.First(s => s.Id == l.Id).OfficialUrl,
                    l.PublicationDate,
                    l.ContentHash,
                    Entities = l.Entities.Count,
                    ByKind = l.Entities.GroupBy(e => e.Kind.ToWireName()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                    ByProgram = ByProgram(l).ToDictionary(p => p.Program, p => p.Count),
                    Files = l.Files,
                    l.Notices,
                });
                app.Output.WriteLine(JsonSerializer.Serialize(doc, ScreeningJson.Indented));
                return ExitCodes.Success;
            }

            foreach (var list in lists)
            {
                var source = BundledLists.Sources.First(s => s.Id == list.Id);
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("[bold]List[/]", Markup.Escape($"{list.Id}: {list.Title}"));
                grid.AddRow("[bold]Official URL[/]", Markup.Escape(source.OfficialUrl.ToString()));
                grid.AddRow("[bold]Published[/]", list.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown");
                grid.AddRow("[bold]Content hash[/]", list.ContentHash);
                grid.AddRow("[bold]Entities[/]", string.Join(", ", list.Entities.GroupBy(e => e.Kind).OrderBy(g => g.Key)
                    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count():N0} {g.Key.ToWireName()}"))) + string.Create(CultureInfo.InvariantCulture, $" ({list.Entities.Count:N0} in all)"));
                foreach (var file in list.Files)
                {
                    grid.AddRow("[bold]File[/]", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{file.Name}: {file.Records:N0} rows, published {file.PublicationDate:yyyy-MM-dd}, sha256 {file.Sha256}")));
                }

                foreach (var notice in list.Notices)
                {
                    grid.AddRow("[bold yellow]Note[/]", Markup.Escape(notice));
                }

                app.Console.Write(grid);
                var table = new Table().Border(TableBorder.Rounded).Title($"{list.Id}: entities by programme").AddColumn("Programme").AddColumn("Entities", c => c.RightAligned());
                foreach (var (program, count) in ByProgram(list))
                {
                    table.AddRow(Markup.Escape(program), count.ToString("N0", CultureInfo.InvariantCulture));
                }

                app.Console.Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<(string Program, int Count)> ByProgram(WatchList list) => list.Entities
        .SelectMany(e => e.Programs)
        .GroupBy(p => p, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Count()))
        .OrderByDescending(p => p.Item2)
        .ThenBy(p => p.Key, StringComparer.Ordinal);
}

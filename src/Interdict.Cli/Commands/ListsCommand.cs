using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Interdict.Lists;
using Interdict.Lists.Store;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary>
/// <c>interdict lists</c>: the lists in force (sources, publication dates, counts by kind and programme), and the
/// subcommands that manage stored versions: import, versions, diff, update, history.
/// </summary>
internal static class ListsCommand
{
    public static Command Create(CliApplication app)
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("lists", "Show the lists in force (the store's current versions, else the bundled snapshot), or manage stored versions.") { format };
        command.Subcommands.Add(ListsStoreCommands.Import(app));
        command.Subcommands.Add(ListsStoreCommands.Versions(app));
        command.Subcommands.Add(ListsStoreCommands.Diff(app));
        command.Subcommands.Add(ListsStoreCommands.Update(app));
        command.Subcommands.Add(ListsStoreCommands.History(app));
        command.SetAction(parse =>
        {
            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var library = new ListLibrary(store);
            var lists = library.Sources().Select(id => (List: ListCatalog.LoadOfficial(library, id, null), Version: library.InForce(id))).ToList();
            if (parse.GetValue(format) == "json")
            {
                var doc = lists.Select(x => new
                {
                    x.List.Id,
                    x.List.Title,
                    Url = ListSources.Get(x.List.Id).OfficialUrl,
                    x.List.PublicationDate,
                    Version = x.Version.Label,
                    x.List.ContentHash,
                    Entities = x.List.Entities.Count,
                    ByKind = x.List.Entities.GroupBy(e => e.Kind.ToWireName()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                    ByProgram = ByProgram(x.List).ToDictionary(p => p.Program, p => p.Count),
                    Files = x.List.Files,
                    x.List.Notices,
                });
                app.Output.WriteLine(JsonSerializer.Serialize(doc, ScreeningJson.Indented));
                return ExitCodes.Success;
            }

            foreach (var (list, version) in lists)
            {
                var source = ListSources.Get(list.Id);
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("[bold]List[/]", Markup.Escape($"{list.Id}: {list.Title}"));
                grid.AddRow("[bold]Official URL[/]", Markup.Escape(source.OfficialUrl.ToString()));
                grid.AddRow("[bold]Published[/]", list.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown");
                grid.AddRow("[bold]In force[/]", version.Stored is { } v
                    ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"stored version v{v.Id}, imported {v.ImportedAt:yyyy-MM-dd HH:mm} UTC from {v.Origin}"))
                    : "the bundled snapshot (no version imported into the store)");
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

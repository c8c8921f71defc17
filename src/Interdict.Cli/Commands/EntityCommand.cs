using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Interdict.Core.Matching;
using Interdict.Core.Model;
using Spectre.Console;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict entity ID</c>: the full record of one listed entity.</summary>
internal static class EntityCommand
{
    public static Command Create(CliApplication app)
    {
        var id = new Argument<string>("ID") { Description = "Entity id, e.g. ofac-sdn:10481." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var listFiles = new Option<string[]>("--list-file") { Description = "A custom watchlist CSV to look in; repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var command = new Command("entity", "Show the full record of a listed entity.") { id, format, listFiles };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(id)!.Trim();
            // Only the list the id names is loaded: "ofac-sdn:10481" is looked up in ofac-sdn (in force in the store, else
            // bundled), "ftm:opensanctions:NK-…" in the FtM dataset ftm:opensanctions.
            using var store = ListCatalog.OpenExistingStore(CliApplication.Store(parse));
            var library = new Lists.Store.ListLibrary(store);
            var lists = library.Sources().Where(l => wanted.StartsWith(l + ":", StringComparison.Ordinal)).Select(l => ListCatalog.LoadOfficial(library, l, null))
                .Concat((parse.GetValue(listFiles) ?? []).Select(ListCatalog.LoadCustom));

            var entity = lists.SelectMany(l => l.Entities).FirstOrDefault(e => string.Equals(e.Id, wanted, StringComparison.Ordinal));
            if (entity is null)
            {
                throw new UsageException($"no entity with id '{wanted}' (ids look like ofac-sdn:10481)");
            }

            if (parse.GetValue(format) == "json")
            {
                app.Output.WriteLine(JsonSerializer.Serialize(entity, ScreeningJson.Indented));
            }
            else
            {
                Show(app.Console, entity);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, Entity e)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                grid.AddRow($"[bold]{label}[/]", Markup.Escape(value));
            }
        }

        void Rows<T>(string label, IEnumerable<T> values, Func<T, string> show)
        {
            foreach (var v in values)
            {
                Row(label, show(v));
            }
        }

        Row("Id", e.Id);
        Row("Kind", e.Kind.ToWireName());
        Row("Name", e.Name);
        Rows("Also", e.Names.Skip(1), n => $"{n.Value} ({n.TypeName}{(n.Quality == AliasQuality.Weak ? ", weak" : "")})");
        Row("Programmes", string.Join(", ", e.Programs));
        Row("Title", e.Title);
        Rows("DOB", e.DatesOfBirth, d => (d.Alternative ? "alt. " : "") + d.Text);
        Rows("POB", e.PlacesOfBirth, p => p);
        Rows("Nationality", e.Nationalities, n => n);
        Rows("Citizenship", e.Citizenships, n => n);
        Row("Gender", e.Gender);
        Rows("Identifier", e.Documents, d => $"{d.Label} {d.Number}{(d.Country is null ? "" : $" ({d.Country})")}{(d.Note is null ? "" : " " + d.Note)} [{d.Kind}]");
        if (e.Vessel is { } v)
        {
            Row("Vessel", string.Join(", ", new[]
            {
                v.VesselType, v.CallSign is null ? null : $"call sign {v.CallSign}", v.Flag is null ? null : $"flag {v.Flag}",
                v.Tonnage is null ? null : $"tonnage {v.Tonnage}", v.GrossRegisteredTonnage is null ? null : $"GRT {v.GrossRegisteredTonnage}",
                v.Owner is null ? null : $"owner {v.Owner}",
            }.Where(x => x is not null)));
        }

        Rows("Address", e.Addresses, a => a.ToString());
        Rows("Website", e.Websites, w => w);
        Rows("Email", e.Emails, w => w);
        Rows("Linked to", e.LinkedTo, w => w);
        Row("Secondary sanctions", e.SecondarySanctions ? "yes" : null);
        Rows("Other", e.OtherFacts, w => w);
        console.Write(new Panel(grid).Header(Markup.Escape(e.Id)));
        foreach (var record in e.SourceRecords)
        {
            var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"source: {record.File}, line {record.Line}")))
                .AddColumn("Field").AddColumn("Value");
            foreach (var (field, value) in record.Fields)
            {
                table.AddRow(Markup.Escape(field), Markup.Escape(value));
            }

            console.Write(table);
        }
    }
}

using System.CommandLine;
using Interdict.Cli.Commands;
using Spectre.Console;

namespace Interdict.Cli;

/// <summary>The command-line application, with its output streams injected so that tests can run it in-process.</summary>
internal sealed class CliApplication(IAnsiConsole console, TextWriter output, TextWriter error, bool interactive)
{
    /// <summary>Rich output (tables, progress) for people.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>Standard output, for machine-readable results.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Standard error, for warnings, errors and summaries.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>True when a person is watching a terminal (progress bars make sense).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>The list store's path: <c>--store</c>, else the <c>Store:Path</c> setting, else <c>lists.db</c> in the data directory.</summary>
    public static Option<string?> StoreOption { get; } = new("--store")
    {
        Description = "The list store (SQLite file). Default: PostgreSQL when the Storage:Postgres setting is given, else lists.db in the user's data directory ($INTERDICT_DATA_DIR).",
        Recursive = true,
    };

    /// <summary>
    /// The list store a parsed command line names: <c>--store</c> (a SQLite file), else PostgreSQL when the
    /// <c>Storage:Postgres</c> setting is given, else the <c>Store:Path</c> setting's SQLite file.
    /// </summary>
    public static Hosting.StoreFactory Store(ParseResult parse)
    {
        var storage = Settings.Load().Storage;
        if (parse.GetValue(StoreOption) is { Length: > 0 } path)
        {
            storage.Postgres = null;
            storage.StorePath = path;
        }

        return new Hosting.StoreFactory(storage);
    }

    /// <summary>Tables written to a file or a pipe are laid out this wide: each column as wide as its text, not wrapped at 80.</summary>
    public const int RedirectedWidth = 4096;

    public static CliApplication CreateForConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return new(console, System.Console.Out, System.Console.Error,
            !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive);
    }

    public int Run(string[] args)
    {
        var root = new RootCommand("Interdict: screen names of people, organisations, vessels and aircraft against sanctions lists.");
        root.Options.Add(StoreOption);
        root.Subcommands.Add(ScreenCommand.Create(this));
        root.Subcommands.Add(ListsCommand.Create(this));
        root.Subcommands.Add(EntityCommand.Create(this));
        root.Subcommands.Add(EvalCommand.Create(this));
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(AuditCommand.Create(this));
        root.Subcommands.Add(KeysCommand.Create(this));
        root.Subcommands.Add(MonitorCommand.Create(this));
        root.Subcommands.Add(PaymentCommand.Create(this));
        root.Subcommands.Add(PaymentFilterCommand.Create(this));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                Error.WriteLine($"error: {e.Message}");
            }

            Error.WriteLine("Run 'interdict --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = Output, Error = Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (DataFileException ex)
        {
            Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.DataError;
        }
    }
}

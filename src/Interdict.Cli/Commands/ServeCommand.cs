using System.CommandLine;
using Interdict.Server;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict serve</c>: the screening service (the same application as <c>src/Interdict.Server</c>).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the screening service (HTTP API). Honours --urls / ASPNETCORE_URLS (default http://localhost:5000) and every setting as --Section:Key=value.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var args = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(CliApplication.StoreOption) is { Length: > 0 } store)
            {
                args.Add($"--Store:Path={store}");
            }

            return ServerApp.RunOrExplain([.. args]) is { } refused ? throw new UsageException(refused) : ExitCodes.Success;
        });
        return command;
    }
}

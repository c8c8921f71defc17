using System.CommandLine;
using System.Text.Json;
using Interdict.Server.Security;

namespace Interdict.Cli.Commands;

/// <summary><c>interdict keys new</c>: makes an API key for the screening service.</summary>
internal static class KeysCommand
{
    // Settings files use the configuration's PascalCase keys, not the API's snake_case.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliApplication app)
    {
        var name = new Option<string>("--name") { Description = "Who uses the key (recorded in the audit trail), e.g. payments-gateway.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "screen (screen, search, read lists), review (record decisions on alerts) and/or admin (audit, reload); repeatable.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var create = new Command("new", "Make a new random API key: prints the secret once, and the settings entry (its SHA-256) to add to Auth:Keys.") { name, scopes };
        create.SetAction(parse =>
        {
            var wanted = parse.GetValue(scopes) is { Length: > 0 } s ? s : [Scopes.Screen];
            foreach (var scope in wanted)
            {
                if (!Scopes.All.Contains(scope))
                {
                    throw new UsageException($"--scope '{scope}' is not one of {string.Join(", ", Scopes.All)}");
                }
            }

            var secret = ApiKey.NewSecret();
            var entry = new { Name = parse.GetValue(name), Hash = ApiKey.HashOf(secret), Scopes = wanted.Distinct().ToArray() };
            app.Output.WriteLine($"Secret (give it to the client; it is not stored anywhere): {secret}");
            app.Output.WriteLine("Add this entry to the Auth:Keys array of the server's appsettings.json:");
            app.Output.WriteLine(JsonSerializer.Serialize(entry, Indented));
            return ExitCodes.Success;
        });
        return new Command("keys", "API keys for the screening service.") { create };
    }
}

// The screening service. 'interdict serve' starts the same application.
if (Interdict.Server.ServerApp.RunOrExplain(args) is { } refused)
{
#pragma warning disable RS0030 // The entry point reports a refused start on standard error, like the CLI.
    await Console.Error.WriteLineAsync($"error: {refused}");
#pragma warning restore RS0030
    return 2;
}

return 0;

/// <summary>The entry point (public so that functional tests can host it with <c>WebApplicationFactory</c>).</summary>
public partial class Program;

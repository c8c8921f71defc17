// The screening service. 'interdict serve' starts the same application.
try
{
    Interdict.Server.ServerApp.Create(args).Run();
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("refusing to start", StringComparison.Ordinal) || ex.Message.StartsWith("setting ", StringComparison.Ordinal))
{
#pragma warning disable RS0030 // The entry point reports a refused start on standard error, like the CLI.
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
#pragma warning restore RS0030
    return 2;
}

return 0;

/// <summary>The entry point (public so that functional tests can host it with <c>WebApplicationFactory</c>).</summary>
public partial class Program;

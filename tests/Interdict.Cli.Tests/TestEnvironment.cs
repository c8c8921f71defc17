using System.Runtime.CompilerServices;

namespace Interdict.Cli.Tests;

/// <summary>Points the CLI's data and settings folders at an empty temporary folder, so no test reads or writes the user's own list store.</summary>
internal static class TestEnvironment
{
    public static string DataDirectory { get; private set; } = "";

#pragma warning disable CA2255 // A test assembly sets up its process environment once, before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Initialize()
    {
        DataDirectory = TestKit.TemporaryHome.Use("interdict-cli-home-");
    }
}

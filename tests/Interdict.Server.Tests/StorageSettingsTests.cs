using Interdict.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Interdict.Server.Tests;

/// <summary>Where the stores are is decided once, by one set of options validated at start, for the server and the CLI alike.</summary>
public sealed class StorageSettingsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void BadStorageSettings_AreRefusedNamingEachKey()
    {
        var folder = Directory.CreateTempSubdirectory("interdict-storage-").FullName;
        var ex = Should.Throw<OptionsValidationException>(() => StorageOptions.From(Config(new() { ["Store:Path"] = folder, ["Storage:Postgres"] = "this is not a connection string" })));
        ex.Failures.ShouldContain(f => f.StartsWith("setting Store:Path", StringComparison.Ordinal) && f.Contains("it names a folder", StringComparison.Ordinal));
        ex.Failures.ShouldContain(f => f.StartsWith("setting Storage:Postgres", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_AreTheDataFolder_AndPostgresWinsOverTheFiles()
    {
        var options = StorageOptions.From(Config([]));
        options.StorePath.ShouldBe(Path.Combine(InterdictFolders.Data, "lists.db"));
        options.Postgres.ShouldBeNull();
        var factory = new StoreFactory(StorageOptions.From(Config(new() { ["Storage:Postgres"] = "Host=db.example;Database=interdict;Username=u;Password=secret" })));
        factory.IsPostgres.ShouldBeTrue();
        factory.ListStoreLocation.ShouldBe("postgresql://db.example:5432/interdict");
    }

    [Fact]
    public void Server_BadStorageSetting_StopsTheStartNamingTheKey()
    {
        var folder = Directory.CreateTempSubdirectory("interdict-storage-").FullName;
        var ex = Should.Throw<OptionsValidationException>(() => ServerApp.Create([$"--Store:Path={folder}", "--Lists:RefreshSeconds=0"]));
        ex.Failures.ShouldContain(f => f.StartsWith("setting Store:Path", StringComparison.Ordinal));
        // 'interdict serve' and the server's entry point print it and stop, not crash.
        ServerApp.RunOrExplain([$"--Store:Path={folder}", "--Lists:RefreshSeconds=0"])!.ShouldStartWith("setting Store:Path");
    }

    [Fact]
    public void Cli_BadStorageSetting_IsAUsageErrorNamingTheKey()
    {
        var run = ScreeningApiTests.RunCliWithEnvironment(2, new Dictionary<string, string> { ["INTERDICT__Storage__Postgres"] = "this is not a connection string" }, "lists", "versions");
        run.ShouldContain("setting Storage:Postgres");
    }
}

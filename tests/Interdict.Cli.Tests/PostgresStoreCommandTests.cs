using System.Diagnostics;
using System.Text.Json;

namespace Interdict.Cli.Tests;

/// <summary>
/// With the <c>Storage:Postgres</c> setting the list commands use the PostgreSQL store (the one server replicas share)
/// instead of the SQLite file. Runs the CLI as a child process so the setting stays out of the other tests' process.
/// </summary>
public sealed class PostgresStoreCommandTests : IDisposable
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Import_WithStoragePostgres_StoresInPostgres_AndScreeningUsesIt()
    {
        var file = _temp.File("un-2025-11-20.xml");
        await File.WriteAllBytesAsync(file, Fixtures.Gunzip("un/2025-11-20/consolidated.xml.gz"), TestContext.Current.CancellationToken);

        var import = await Interdict("lists", "import", file, "--source", "un", "--switch");
        import.Code.ShouldBe(0, import.Error);
        import.Output.ShouldContain("1,000 entities, published 2025-11-20");

        var versions = await Interdict("lists", "versions", "un", "--format", "json");
        versions.Code.ShouldBe(0, versions.Error);
        var stored = JsonDocument.Parse(versions.Output).RootElement.EnumerateArray().Last();
        stored.GetProperty("in_force").GetBoolean().ShouldBeTrue();
        stored.GetProperty("content_hash").GetString().ShouldBe("9743e2bb10eaa4b777d118c5b5755a21e32898aacc7ca235df6cf42337b937c6");

        var screen = await Interdict("screen", "Qasem Soleimani", "--lists", "un", "--format", "json");
        screen.Code.ShouldBe(0, screen.Error);
        var answer = JsonDocument.Parse(screen.Output).RootElement;
        answer.GetProperty("lists")[0].GetProperty("publication_date").GetString().ShouldBe("2025-11-20");
        answer.GetProperty("hits")[0].GetProperty("entity_id").GetString().ShouldBe("un:IRi.039");

        // Nothing went to the SQLite store in the data directory.
        File.Exists(Path.Combine(_temp.Path, "data", "lists.db")).ShouldBeFalse();
        using var store = Storage.Postgres.PostgresListStore.Open(_database.ConnectionString);
        store.Versions("un").ShouldHaveSingleItem().Entities.ShouldBe(1000);
    }

    [Fact]
    public async Task UnreachablePostgres_IsAClearErrorNamingTheDatabase()
    {
        var run = await Interdict(["lists", "versions", "un"], "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=interdict;Timeout=3");
        run.Code.ShouldNotBe(0);
        run.Error.ShouldContain("postgresql://127.0.0.1:1/interdict: the list store cannot be opened");
        run.Error.ShouldNotContain("Password");
    }

    public void Dispose()
    {
        _database.Dispose();
        _temp.Dispose();
    }

    private Task<(int Code, string Output, string Error)> Interdict(params string[] args) => Interdict(args, _database.ConnectionString);

    private async Task<(int Code, string Output, string Error)> Interdict(string[] args, string postgres)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "interdict.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["INTERDICT_DATA_DIR"] = Path.Combine(_temp.Path, "data");
        start.Environment["INTERDICT_CONFIG_DIR"] = Path.Combine(_temp.Path, "config");
        start.Environment["INTERDICT__Storage__Postgres"] = postgres;
        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(token);
        var error = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        return (process.ExitCode, await output, await error);
    }
}

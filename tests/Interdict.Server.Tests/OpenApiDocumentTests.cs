namespace Interdict.Server.Tests;

/// <summary>The committed OpenAPI document is the one the server generates (a stale document fails the build).</summary>
public sealed class OpenApiDocumentTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private const string UpdateVariable = "INTERDICT_UPDATE_OPENAPI";

    [Fact]
    public async Task CommittedDocument_MatchesTheGeneratedOne()
    {
        var generated = (await (await server.CreateClient().Get("/openapi/v1.json")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ReplaceLineEndings("\n").TrimEnd() + "\n";
        generated.ShouldContain("\"/v1/screen\"");
        generated.ShouldContain("\"/v1/search\"");
        generated.ShouldContain("\"/v1/entities/{id}\"");
        generated.ShouldContain("\"/v1/lists/{source}/diff\"");
        generated.ShouldContain("\"/health\"");
        generated.ShouldContain("\"matched_name\"");

        var path = Path.Combine(RepoRoot(), "src", "Interdict.Server", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, generated, TestContext.Current.CancellationToken);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; run the tests once with {UpdateVariable}=1 and commit it");
        var committed = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");
        committed.ShouldBe(generated, $"the API changed: run the tests with {UpdateVariable}=1 and commit src/Interdict.Server/openapi/v1.json");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interdict.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Interdict.slnx) was not found above " + AppContext.BaseDirectory);
    }
}

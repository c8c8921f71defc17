using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Interdict.Cli.Tests;

/// <summary>
/// Issue #21: the CLI packs as a dotnet tool that, installed into a tool path, screens from any directory (the lists are
/// inside it); Core and Lists pack as libraries with their README, XML docs and the commit they were built from.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    // The repository: the test assembly runs from artifacts/bin/Interdict.Cli.Tests/<configuration>/.
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interdict.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository (Interdict.slnx) is not above the test assembly");
    }

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    private static (int Code, string Output, string Error) Run(string file, string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private string Pack(string project)
    {
        var output = Directory.CreateDirectory(Path.Combine(_temp.Path, "nupkg")).FullName;
        var pack = Run("dotnet", RepoRoot(), null, "pack", Path.Combine("src", project), "-c", Configuration, "--no-build", "-o", output);
        pack.Code.ShouldBe(0, pack.Output + pack.Error);
        return output;
    }

    [Fact]
    public void Tool_InstalledIntoAToolPath_ScreensFromAnotherDirectory()
    {
        var feed = Pack("Interdict.Cli");
        var tools = Path.Combine(_temp.Path, "tools");
        var install = Run("dotnet", _temp.Path, null, "tool", "install", "Interdict.Cli", "--tool-path", tools, "--add-source", feed, "--ignore-failed-sources");
        install.Code.ShouldBe(0, install.Output + install.Error);

        var elsewhere = Directory.CreateDirectory(Path.Combine(_temp.Path, "elsewhere")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_temp.Path, "home")).FullName;
        var screen = Run(Path.Combine(tools, "interdict"), elsewhere, new Dictionary<string, string> { ["INTERDICT_DATA_DIR"] = home, ["INTERDICT_CONFIG_DIR"] = home },
            "screen", "Qassem Soleimani", "--format", "json");
        screen.Code.ShouldBe(0, screen.Error);
        var hits = JsonDocument.Parse(screen.Output).RootElement.GetProperty("hits");
        hits[0].GetProperty("entity_id").GetString().ShouldBe("ofac-sdn:10481");
    }

    [Theory]
    [InlineData("Interdict.Core")]
    [InlineData("Interdict.Lists")]
    public void Library_PacksWithReadmeXmlDocsAndItsCommit(string project)
    {
        var feed = Pack(project);
        var package = Directory.GetFiles(feed, $"{project}.*.nupkg").ShouldHaveSingleItem();
        using var zip = ZipFile.OpenRead(package);
        zip.Entries.Select(e => e.FullName).ShouldContain("README.md");
        zip.Entries.Select(e => e.FullName).ShouldContain($"lib/net10.0/{project}.dll");
        zip.Entries.Select(e => e.FullName).ShouldContain($"lib/net10.0/{project}.xml");
        using var nuspec = new StreamReader(zip.GetEntry($"{project}.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        text.ShouldContain("<readme>README.md</readme>");
        text.ShouldMatch("(?s).*<repository type=\"git\"[^>]* commit=\"[0-9a-f]{40}\".*");
    }
}

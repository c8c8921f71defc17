namespace Interdict.Cli.Tests;

/// <summary>Result files (batch results, audit exports) are written whole or not at all.</summary>
public class OutputFileTests
{
    [Fact]
    public void Write_ReplacesAnEarlierFile_AndLeavesNoTemporaryFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("r.jsonl", "earlier run\n");
        var result = OutputFile.Write(path, TextWriter.Null, w =>
        {
            w.WriteLine("{\"id\":\"c-1\"}");
            return 1;
        });

        result.ShouldBe(1);
        File.ReadAllText(path).ShouldBe("{\"id\":\"c-1\"}\n");
        Directory.GetFiles(temp.Path).ShouldBe([path]);
    }

    [Fact]
    public void Write_FailingPartWay_LeavesTheEarlierFileAsItWas_AndNoPartialFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("r.jsonl", "earlier run\n");
        var failure = Should.Throw<DataFileException>(() => OutputFile.Write<int>(path, TextWriter.Null, w =>
        {
            w.WriteLine("{\"id\":\"c-1\"}");
            w.Flush();
            throw new DataFileException("q.csv: cannot be read: the file changed");
        }));

        failure.Message.ShouldBe("q.csv: cannot be read: the file changed");
        File.ReadAllText(path).ShouldBe("earlier run\n");
        Directory.GetFiles(temp.Path).ShouldBe([path]);
    }

    [Fact]
    public void Write_IntoAMissingFolder_NamesTheOutputFile()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "no-such-folder", "r.jsonl");
        var failure = Should.Throw<DataFileException>(() => OutputFile.Write(path, TextWriter.Null, _ => 0));
        failure.Message.ShouldStartWith($"{path}: cannot be written: ");
    }

    [Fact]
    public void Batch_IntoAMissingFolder_IsADataErrorNamingTheOutput()
    {
        using var temp = new TempFolder();
        var input = temp.File("q.csv", "id,name\nc-1,Qassem Soleimani\n");
        var output = Path.Combine(temp.Path, "no-such-folder", "r.jsonl");
        var run = CliRun.Of("screen", "--input", input, "--output", output);
        run.ExitCode.ShouldBe(3);
        run.Error.ShouldContain($"{output}: cannot be written");
    }

    [Fact]
    public void Write_ThroughALink_ReplacesTheFileItLeadsTo_AndKeepsTheLink()
    {
        using var temp = new TempFolder();
        var target = temp.File("results-2026-11-29.jsonl", "earlier run\n");
        var link = Path.Combine(temp.Path, "latest.jsonl");
        File.CreateSymbolicLink(link, target);
        OutputFile.Write(link, TextWriter.Null, w =>
        {
            w.WriteLine("new");
            return 0;
        });

        new FileInfo(link).LinkTarget.ShouldBe(target);
        File.ReadAllText(target).ShouldBe("new\n");
    }

    [Fact]
    public async Task Write_ToAPipe_WritesInPlace()
    {
        // A named pipe, as a device: nothing to keep, and renaming a file over it would cut off its reader.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "named pipes made with mkfifo");
        using var temp = new TempFolder();
        var pipe = Path.Combine(temp.Path, "results.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            mkfifo.ExitCode.ShouldBe(0);
        }

        var reader = Task.Run(() => File.ReadAllText(pipe), TestContext.Current.CancellationToken);
        OutputFile.Write(pipe, TextWriter.Null, w =>
        {
            w.WriteLine("{\"id\":\"c-1\"}");
            return 0;
        });

        // (The limit only stops a broken writer from hanging the run: a file renamed over the pipe never reaches the reader.)
        var read = await reader.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        read.ShouldBe("{\"id\":\"c-1\"}\n");
        new FileInfo(pipe).Length.ShouldBe(0);
    }
}

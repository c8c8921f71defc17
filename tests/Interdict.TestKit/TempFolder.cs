namespace Interdict.TestKit;

/// <summary>A temporary folder for a test's input and output files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("interdict-tests-").FullName;

    /// <summary>The path of a file in the folder, written with <paramref name="content"/> when given.</summary>
    public string File(string name, string? content = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        if (content is not null)
        {
            System.IO.File.WriteAllText(path, content);
        }

        return path;
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}

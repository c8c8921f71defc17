namespace Interdict.Lists;

/// <summary>Reads the commented, tab-separated data files embedded in this assembly.</summary>
internal static class TsvResource
{
    /// <summary>The rows of an embedded TSV resource, skipping blank lines and <c>#</c> comments.</summary>
    public static List<string[]> Read(string resourceName)
    {
        var assembly = typeof(TsvResource).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded data '{resourceName}' is missing from {assembly.GetName().Name}; the build did not embed it.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }
}

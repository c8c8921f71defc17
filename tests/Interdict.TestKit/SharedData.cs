using Xunit;

namespace Interdict.TestKit;

/// <summary>
/// The project's full official list files in <c>../shared/data/lists</c> beside the repository (present on developer and
/// CI machines, absent from a bare clone). Tests that need whole files skip, saying why, when the folder is absent.
/// </summary>
public static class SharedData
{
    /// <summary>The <c>shared/data/lists</c> folder, or null when it is not beside the repository.</summary>
    public static string? ListsFolder { get; } = Find();

    /// <summary>The path of a file under <c>shared/data/lists</c>; skips the calling test when the folder is absent.</summary>
    public static string PathOf(string relative)
    {
        var folder = ListsFolder;
        if (folder is null && Environment.GetEnvironmentVariable("INTERDICT_REQUIRE_SHARED") == "1")
        {
            Assert.Fail("../shared/data/lists is not beside the repository, and INTERDICT_REQUIRE_SHARED=1 (CI) requires it");
        }

        if (folder is null)
        {
            Assert.Skip("../shared/data/lists is not beside the repository; this test needs the full official files");
        }

        return Path.Combine(folder!, relative);
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "lists");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "PROVENANCE.md")))
            {
                return candidate;
            }
        }

        return null;
    }
}

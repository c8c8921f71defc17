namespace Interdict.TestKit;

/// <summary>
/// Points Interdict's data and settings folders (<c>INTERDICT_DATA_DIR</c>, <c>INTERDICT_CONFIG_DIR</c>) at a new empty
/// temporary folder, so that no test reads or writes the user's own list store, audit trail or settings. Each test
/// assembly calls <see cref="Use"/> once, from a module initializer.
/// </summary>
public static class TemporaryHome
{
    /// <summary>Creates the folder and points both variables at it; returns it.</summary>
    public static string Use(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        Environment.SetEnvironmentVariable("INTERDICT_DATA_DIR", folder);
        Environment.SetEnvironmentVariable("INTERDICT_CONFIG_DIR", folder);
        return folder;
    }
}

namespace Interdict.Hosting;

/// <summary>Where Interdict keeps the user's settings and data; the same for the CLI and the server.</summary>
public static class InterdictFolders
{
    /// <summary>The user's settings: <c>$INTERDICT_CONFIG_DIR</c>, else the platform's application data folder.</summary>
    public static string Settings =>
        Environment.GetEnvironmentVariable("INTERDICT_CONFIG_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "interdict");

    /// <summary>The user's data (list store, alerts, audit trail): <c>$INTERDICT_DATA_DIR</c>, else the platform's local data folder.</summary>
    public static string Data =>
        Environment.GetEnvironmentVariable("INTERDICT_DATA_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "interdict");

    /// <summary>The user's settings file, read by both the CLI and the server.</summary>
    public static string SettingsFile => Path.Combine(Settings, "appsettings.json");
}

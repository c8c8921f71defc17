using Interdict.Storage.Sqlite;

namespace Interdict.Storage.Tests;

/// <summary>Issue #19: data files were created world-readable; screening requests and decisions are the owner's only.</summary>
public sealed class FilePermissionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interdict-perms-").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void NewListStoreAlertQueueAndAuditTrail_AreReadableByTheirOwnerOnly()
    {
        var lists = Path.Combine(_folder, "lists.db");
        var alerts = Path.Combine(_folder, "alerts.db");
        var audit = Path.Combine(_folder, "audit.db");
        using (SqliteListStore.Open(lists))
        using (SqliteAlertStore.Open(alerts))
        using (SqliteAuditLog.Open(audit))
        {
            foreach (var file in new[] { lists, alerts, audit })
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

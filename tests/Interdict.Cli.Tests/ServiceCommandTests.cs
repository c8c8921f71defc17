namespace Interdict.Cli.Tests;

/// <summary><c>keys new</c>, <c>serve</c>'s refusal to run open on a public address, and <c>audit</c> on a missing trail.</summary>
public sealed class ServiceCommandTests
{
    [Fact]
    public void KeysNew_PrintsASecretAndOnlyItsHash()
    {
        var run = CliRun.Of("keys", "new", "--name", "payments-gateway", "--scope", "screen", "--scope", "admin");
        run.ExitCode.ShouldBe(0, run.Error);
        var secret = run.Output.Split('\n')[0].Split(": ")[1].Trim();
        secret.ShouldStartWith("idk_");
        run.Output.ShouldContain("\"Name\": \"payments-gateway\"");
        var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
        run.Output.ShouldContain($"\"Hash\": \"{hash}\"");
        run.Output.Split('\n').Skip(1).ShouldAllBe(line => !line.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void KeysNew_UnknownScope_IsAUsageError()
    {
        var run = CliRun.Of("keys", "new", "--name", "x", "--scope", "root");
        run.ExitCode.ShouldBe(ExitCodes.UsageError);
        run.Error.ShouldContain("--scope 'root'");
    }

    [Fact]
    public void Serve_WithoutKeysOnAllInterfaces_RefusesToStart()
    {
        var run = CliRun.Of("serve", "--urls", "http://0.0.0.0:5099");
        run.ExitCode.ShouldBe(ExitCodes.UsageError);
        run.Error.ShouldContain("refusing to start");
        run.Error.ShouldContain("interdict keys new");
    }

    [Fact]
    public void Serve_OnAPortInUse_OrAnIPv4MappedAddress_IsAClearError_NotACrash()
    {
        // Issue #19: both died with an unhandled exception (exit 134).
        using var temp = new TempFolder();
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        var settings = new[] { "--Store:Path=" + System.IO.Path.Combine(temp.Path, "lists.db"), "--Audit:Path=" + System.IO.Path.Combine(temp.Path, "audit.db"), "--Alerts:Path=" + System.IO.Path.Combine(temp.Path, "alerts.db") };
        var inUse = CliRun.Of(["serve", "--urls", $"http://127.0.0.1:{port}", .. settings]);
        inUse.ExitCode.ShouldBe(2);
        inUse.Error.ShouldContain("address already in use");

        var mapped = CliRun.Of(["serve", "--urls", $"http://[::ffff:127.0.0.1]:{port + 1}", .. settings]);
        mapped.ExitCode.ShouldBe(2);
        mapped.Error.ShouldContain("cannot listen");
    }

    [Fact]
    public void AuditVerify_NoTrail_IsADataError()
    {
        using var temp = new TempFolder();
        var run = CliRun.Of("audit", "verify", "--audit", temp.File("nothing.db"));
        run.ExitCode.ShouldBe(ExitCodes.DataError);
        run.Error.ShouldContain("no audit trail here");
    }

    [Fact]
    public void AuditExport_BadDate_IsAUsageError()
    {
        var run = CliRun.Of("audit", "export", "--from", "last week");
        run.ExitCode.ShouldBe(ExitCodes.UsageError);
        run.Error.ShouldContain("--from 'last week'");
    }
}

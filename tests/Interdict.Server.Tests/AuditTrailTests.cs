using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Interdict.Core.Audit;
using Interdict.Storage.Postgres;
using Interdict.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Interdict.Server.Tests;

/// <summary>Every screening is in the audit trail, chained; tampering is detected by <c>interdict audit verify</c>.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly ServerFactory _server = new();

    [Fact]
    public async Task EveryScreening_IsRecordedAndChained_TamperingIsDetected()
    {
        var client = _server.CreateClient();
        var screen = await (await client.Screen(new { parties = new[] { new { id = "cust-7", name = "Qassem Soleimani" } } })).Json();
        var search = await (await client.Get("/v1/search?q=Kataib+Hezbollah")).Json();
        search.GetProperty("audit_seq").GetInt64().ShouldBe(screen.GetProperty("audit_seq").GetInt64() + 1);

        var verify = await (await client.Get("/v1/audit/verify")).Json();
        verify.GetProperty("intact").GetBoolean().ShouldBeTrue();
        verify.GetProperty("records").GetInt64().ShouldBe(2);

        var lines = (await (await client.Get("/v1/audit")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[0].ShouldContain("\"principal\":\"anonymous (loopback)\"");
        lines[0].ShouldContain("\"entity_id\":\"ofac-sdn:10481\"");
        lines[0].ShouldContain("\"cust-7\"");
        lines[0].ShouldContain("\"algorithm\":\"interdict-name ");
        lines[0].ShouldContain("\"content_hash\":");
        var csv = await (await client.Get("/v1/audit?format=csv&from=2000-01-01")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        csv.ShouldStartWith(string.Join(',', AuditExport.Columns));
        (await client.Get("/v1/audit?from=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The command-line check agrees, then someone with file access hides the hit of record 1.
        ScreeningApiTests.RunCli("audit", "verify", "--audit", _server.AuditPath).ShouldContain("2 records, chain intact");
        using (var connection = new SqliteConnection($"Data Source={_server.AuditPath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "DROP TRIGGER audit_records_no_update; UPDATE audit_records SET result = '[]' WHERE seq = 1";
            cmd.ExecuteNonQuery();
        }

        var broken = await (await client.Get("/v1/audit/verify")).Json();
        broken.GetProperty("intact").GetBoolean().ShouldBeFalse();
        broken.GetProperty("problems")[0].GetString()!.ShouldStartWith("record 1 ");
        var cli = ScreeningApiTests.RunCliExpecting(5, "audit", "verify", "--audit", _server.AuditPath);
        cli.ShouldContain("chain BROKEN");
        cli.ShouldContain("record 1 ");
    }

    [Fact]
    public async Task AuditUnavailable_RequestIsRefusedWith503()
    {
        using var failing = _server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IAuditLog>(new FailingAuditLog())));
        var response = await failing.CreateClient().Get("/v1/search?q=Qassem+Soleimani");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var problem = await response.Json();
        problem.GetProperty("title").GetString().ShouldBe("Audit trail unavailable");
        problem.GetProperty("detail").GetString()!.ShouldContain("disk full");
        // No hits leak out without a record.
        problem.TryGetProperty("hits", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task AKeyedTrail_ReHashedWithoutTheKey_FailsVerification_AndAnAnchorCatchesATruncatedTail()
    {
        // Issue #19: the chain could be re-hashed whole, or cut at the tail, without 'audit verify' noticing.
        var keyFile = Path.Combine(_server.Folder, "audit.key");
        ScreeningApiTests.RunCli("audit", "key-new", keyFile).ShouldContain("Wrote a 64-byte key");
        using (var keyed = _server.WithWebHostBuilder(b => b.UseSetting("Audit:KeyFile", keyFile)))
        {
            var client = keyed.CreateClient();
            foreach (var name in new[] { "Qassem Soleimani", "Kataib Hezbollah", "John Smith" })
            {
                (await client.Get("/v1/search?q=" + Uri.EscapeDataString(name))).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        var key = await File.ReadAllBytesAsync(keyFile, TestContext.Current.CancellationToken);
        using (var log = SqliteAuditLog.Open(_server.AuditPath))
        {
            var records = log.Read().ToList();
            records.ShouldAllBe(r => AuditChain.IsKeyed(r.Hash));
            AuditChain.Verify(records, log.Head(), key: key).Intact.ShouldBeTrue();
            AuditChain.Verify(records, log.Head()).Problems.ShouldContain(p => p.Contains("cannot be checked without the key", StringComparison.Ordinal));
        }

        ScreeningApiTests.RunCli("audit", "verify", "--audit", _server.AuditPath, "--key-file", keyFile).ShouldContain("chain intact (keyed records checked with key");
        var anchor = Path.Combine(_server.Folder, "anchor.json");
        ScreeningApiTests.RunCli("audit", "anchor", "--audit", _server.AuditPath, "--output", anchor);

        // Someone with the database but not the key edits record 2 and re-hashes every record after it, unkeyed.
        Tamper(records =>
        {
            var head = new AuditHead(1, records[0].Hash);
            var rest = records.Skip(1).Select(r => r.Entry with { Result = r.Seq == 2 ? "[]" : r.Entry.Result }).ToList();
            return AuditChain.Link(head, rest);
        });
        var rehashed = ScreeningApiTests.RunCliExpecting(5, "audit", "verify", "--audit", _server.AuditPath, "--key-file", keyFile);
        rehashed.ShouldContain("re-hashed without the key");
        // And the tail cut off (the last record removed, the head moved back): the chain itself is consistent, the anchor is not.
        Tamper(records => [.. records.Take(records.Count - 1)]);
        var cut = ScreeningApiTests.RunCliExpecting(5, "audit", "verify", "--audit", _server.AuditPath, "--anchor", anchor);
        cut.ShouldContain("which the trail no longer holds: it was cut short");
    }

    [Fact]
    public async Task ABrokenTrail_StopsTheServerStarting_UnlessToldToStartAndReportUnhealthy()
    {
        using (var client = _server.CreateClient())
        {
            (await client.Get("/v1/search?q=Qassem+Soleimani")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _server.Dispose();
        Tamper(records => [records[0] with { Entry = records[0].Entry with { Result = "[]" } }, .. records.Skip(1)]);
        var stores = new[] { $"--Audit:Path={_server.AuditPath}", $"--Store:Path={_server.StorePath}", $"--Alerts:Path={Path.Combine(_server.Folder, "alerts.db")}", "--Lists:RefreshSeconds=0" };
        var refused = Should.Throw<Core.InterdictException>(() => ServerApp.Create(stores));
        refused.Message.ShouldContain("fails verification");
        refused.Message.ShouldContain("Audit:StartOnBrokenTrail");
        ServerApp.RunOrExplain(stores)!.ShouldContain("fails verification");

        using var tolerant = new ServerFactory { FolderOverride = _server.Folder }.WithWebHostBuilder(b => b.UseSetting("Audit:StartOnBrokenTrail", "true"));
        var health = await tolerant.CreateClient().Get("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldContain("failed verification at start");
        // The open health answer names no file and no chain head.
        body.ShouldNotContain(_server.Folder);
        body.ShouldNotContain("head");
    }

    // Rewrites the trail's records (as someone with write access to the file could), keeping the head on the last one.
    private void Tamper(Func<List<AuditRecord>, List<AuditRecord>> rewrite)
    {
        List<AuditRecord> records;
        using (var log = SqliteAuditLog.Open(_server.AuditPath))
        {
            records = log.Read().ToList();
        }

        var rewritten = rewrite(records);
        using var connection = new SqliteConnection($"Data Source={_server.AuditPath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "DROP TRIGGER IF EXISTS audit_records_no_update; DROP TRIGGER IF EXISTS audit_records_no_delete; DELETE FROM audit_records;";
        cmd.ExecuteNonQuery();
        foreach (var r in rewritten)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO audit_records({AuditColumns.List}) VALUES ($seq, $at, $p, $a, $c, $req, $l, $alg, $res, $prev, $hash)";
            insert.Parameters.AddWithValue("$seq", r.Seq);
            insert.Parameters.AddWithValue("$at", r.Entry.AtText);
            insert.Parameters.AddWithValue("$p", r.Entry.Principal);
            insert.Parameters.AddWithValue("$a", r.Entry.Action);
            insert.Parameters.AddWithValue("$c", (object?)r.Entry.Client ?? DBNull.Value);
            insert.Parameters.AddWithValue("$req", r.Entry.Request);
            insert.Parameters.AddWithValue("$l", r.Entry.Lists);
            insert.Parameters.AddWithValue("$alg", r.Entry.Algorithm);
            insert.Parameters.AddWithValue("$res", r.Entry.Result);
            insert.Parameters.AddWithValue("$prev", r.PreviousHash);
            insert.Parameters.AddWithValue("$hash", r.Hash);
            insert.ExecuteNonQuery();
        }

        using var head = connection.CreateCommand();
        head.CommandText = "UPDATE audit_head SET seq = $s, hash = $h";
        head.Parameters.AddWithValue("$s", rewritten[^1].Seq);
        head.Parameters.AddWithValue("$h", rewritten[^1].Hash);
        head.ExecuteNonQuery();
    }

    public void Dispose() => _server.Dispose();

    private sealed class FailingAuditLog : IAuditLog
    {
        public string Location => "failing test trail";

        public IReadOnlyList<AuditRecord> Append(IReadOnlyList<AuditEntry> entries) => throw new IOException("disk full");

        public IEnumerable<AuditRecord> Read(DateTimeOffset? since = null, DateTimeOffset? until = null) => [];

        public AuditHead Head() => new(0, AuditChain.Genesis);

        public void Dispose()
        {
        }
    }
}

/// <summary>Two real server processes sharing one audit store produce one consistent chain.</summary>
public sealed class SharedAuditTests
{
    private const int RequestsPerServer = 40;

    [Fact]
    public async Task TwoServerProcesses_SharingPostgres_BuildOneChain()
    {
        using var database = PostgresTestDatabase.Create();
        await RunTwoServers(new() { ["INTERDICT__Storage__Postgres"] = database.ConnectionString });
        using var log = PostgresAuditLog.Open(database.ConnectionString);
        Check(log);
    }

    [Fact]
    public async Task TwoServerProcesses_SharingSqlite_BuildOneChain()
    {
        var folder = Directory.CreateTempSubdirectory("interdict-shared-audit-").FullName;
        var path = Path.Combine(folder, "audit.db");
        await RunTwoServers(new() { ["INTERDICT__Audit__Path"] = path });
        using var log = SqliteAuditLog.Open(path);
        Check(log);
    }

    private static void Check(IAuditLog log)
    {
        var records = log.Read().ToList();
        records.Count.ShouldBe(2 * RequestsPerServer);
        AuditChain.Verify(records, log.Head()).Problems.ShouldBeEmpty();
        // Both processes wrote, interleaved into the one chain.
        records.Count(r => r.Entry.Request.Contains("\"server-a-", StringComparison.Ordinal)).ShouldBe(RequestsPerServer);
        records.Count(r => r.Entry.Request.Contains("\"server-b-", StringComparison.Ordinal)).ShouldBe(RequestsPerServer);
    }

    private static async Task RunTwoServers(Dictionary<string, string> environment)
    {
        var token = TestContext.Current.CancellationToken;
        var servers = new[] { ServerProcess.Start("a", environment), ServerProcess.Start("b", environment) };
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            foreach (var (_, url, process) in servers)
            {
                await ServerProcess.WaitUntilHealthy(http, url, process, token);
            }

            await Task.WhenAll(servers.SelectMany(s => Enumerable.Range(0, RequestsPerServer).Select(async i =>
            {
                var response = await http.PostAsJsonAsync(new Uri(s.Url + "/v1/screen"), new { parties = new[] { new { id = $"server-{s.Name}-{i}", name = "Qassem Soleimani" } } }, token);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            })));
        }
        finally
        {
            foreach (var (_, _, process) in servers)
            {
                await ServerProcess.Stop(process);
            }
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Interdict.Core.Audit;
using Interdict.Storage.Postgres;
using Interdict.Storage.Sqlite;
using Interdict.TestKit;
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

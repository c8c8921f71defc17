using Npgsql;
using Xunit;

namespace Interdict.TestKit;

/// <summary>
/// A fresh, empty PostgreSQL database for one test, on the server named by <c>INTERDICT_TEST_POSTGRES</c> (a connection
/// string whose user may create databases). Without it the test is skipped, unless <c>INTERDICT_REQUIRE_POSTGRES=1</c>
/// (set by CI), where a missing server fails the run. Nothing here uses Docker.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "INTERDICT_TEST_POSTGRES";

    private readonly string _admin;

    private PostgresTestDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static PostgresTestDatabase Create()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (Environment.GetEnvironmentVariable("INTERDICT_REQUIRE_POSTGRES") == "1")
            {
                Assert.Fail($"{Variable} is not set, but INTERDICT_REQUIRE_POSTGRES=1: CI must run the PostgreSQL suite");
            }

            Assert.Skip($"{Variable} is not set (e.g. Host=127.0.0.1;Username=postgres;Password=…): PostgreSQL tests skipped");
        }

        var name = "interdict_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            cmd.ExecuteNonQuery();
        }

        return new PostgresTestDatabase(admin, name);
    }

    /// <summary>Runs SQL as the test's user on the test database (to tamper with records as an attacker with database access would).</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        cmd.ExecuteNonQuery();
    }
}

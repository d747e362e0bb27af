using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>Makes a fresh, migrated database per test, so tests never see each other's rows.</summary>
public interface ITestDatabaseFactory
{
    Task<TestDatabase> CreateAsync(bool migrate = true);
}

public sealed class TestDatabase(Database database, Func<Task> drop) : IAsyncDisposable
{
    public Database Database { get; } = database;

    public Task MigrateAsync() =>
        new MigrationRunner(Database.Dialect, NullLogger<MigrationRunner>.Instance).MigrateAsync();

    public ValueTask DisposeAsync() => new(drop());
}

public sealed class SqliteDatabases : ITestDatabaseFactory
{
    public async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cc-test-{Guid.NewGuid():N}.db");
        var db = new TestDatabase(new Database(new SqliteDialect(path)), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
            return Task.CompletedTask;
        });
        if (migrate) await db.MigrateAsync();
        return db;
    }
}

/// <summary>
/// A real PostgreSQL server, started by ./test.sh on a loopback port and named by the
/// CAPACITY_TEST_POSTGRES connection string. Each test gets its own database, dropped afterwards.
/// </summary>
public sealed class PostgresDatabases : ITestDatabaseFactory
{
    public const string Variable = "CAPACITY_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException(
            $"{Variable} is not set. Run ./test.sh, which installs and starts a throwaway PostgreSQL server, " +
            "or point the variable at a server you own (e.g. Host=127.0.0.1;Port=55432;Username=postgres).");

    public async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var name = $"cc_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
        var dataSource = NpgsqlDataSource.Create(cs);
        var db = new TestDatabase(new Database(new PostgresDialect(dataSource)), async () =>
        {
            await dataSource.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(ServerConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
        if (migrate) await db.MigrateAsync();
        return db;
    }
}

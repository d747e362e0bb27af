using CapacityConsole.Scheduler.Storage;
using Dapper;
using Npgsql;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>
/// A PostgreSQL restart cuts every pooled connection. The unit of work that meets a dead one fails
/// with what the dialect calls a lost connection (the API answers it 503 with Retry-After, not 500:
/// the fault matrix met a 500 after a restart), and the next one gets a working connection.
/// </summary>
public sealed class LostConnectionTests
{
    [Fact]
    public async Task AfterTheServerCutsEveryConnection_TheFailureIsALostConnection_AndTheNextUnitOfWorkSucceeds()
    {
        await using var t = await new PostgresDatabases().CreateAsync();
        var db = t.Database;
        // Five connections in the pool, idle.
        var open = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => db.OpenAsync()));
        foreach (var c in open) await c.ExecuteScalarAsync<int>("SELECT 1");
        foreach (var c in open) await c.DisposeAsync();
        var database = new NpgsqlConnectionStringBuilder(((PostgresDialect)db.Dialect).DataSource.ConnectionString).Database;

        // What a restart does to them: every backend of the database terminated (57P01).
        await using (var admin = new NpgsqlConnection(PostgresDatabases.ServerConnectionString))
        {
            await admin.OpenAsync();
            var cut = await admin.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database) t", new { database });
            Assert.True(cut >= 5, $"{cut} connections cut"); // the five, and the migration's if still pooled
        }
        await Task.Delay(200); // the backends' exits reach the sockets

        var lost = await Assert.ThrowsAnyAsync<Exception>(() => db.InTransactionAsync((c, tx) => c.ExecuteScalarAsync<int>("SELECT 1", transaction: tx)));
        Assert.True(db.Dialect.LostConnection(lost), $"not seen as a lost connection: {lost}");

        Assert.Equal(1, await db.InTransactionAsync((c, tx) => c.ExecuteScalarAsync<int>("SELECT 1", transaction: tx)));
    }

    [Fact]
    public void AStatementsOwnError_IsNotALostConnection()
    {
        var dialect = new PostgresDialect(NpgsqlDataSource.Create("Host=127.0.0.1"));
        Assert.False(dialect.LostConnection(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.True(dialect.LostConnection(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
    }
}

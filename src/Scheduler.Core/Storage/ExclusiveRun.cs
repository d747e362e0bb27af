using Npgsql;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Runs work on at most one console instance at a time. On PostgreSQL a session advisory lock is
/// tried (never waited for): an instance that finds it held skips, because another is doing the
/// same work right now. On SQLite there is one process and the work just runs.
/// </summary>
public sealed class ExclusiveRun(SqlDialect dialect)
{
    /// <summary>Runs <paramref name="work"/> if no other instance holds <paramref name="lockKey"/>; false when skipped.</summary>
    public async Task<bool> TryRunAsync(long lockKey, Func<Task> work, CancellationToken ct = default)
    {
        if (dialect is not PostgresDialect pg)
        {
            await work();
            return true;
        }
        // The lock belongs to this connection's session, so it is held on a connection of its own
        // and released with it, also when the work throws or the process dies.
        await using var connection = await pg.DataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", lockKey);
            if (await take.ExecuteScalarAsync(ct) is not true) return false;
        }
        try
        {
            await work();
            return true;
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", lockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

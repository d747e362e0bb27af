using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Runs work on at most one console instance at a time, and never twice at once within one. On
/// PostgreSQL a session advisory lock is tried (never waited for): an instance that finds it held
/// skips, because another is doing the same work right now. The lock dies with its session, so a
/// killed process or a restarted server leaves nothing behind (a lock row, as Hangfire's
/// DisableConcurrentExecution keeps on PostgreSQL, outlives a server restart that cut its release,
/// and blocked the request's pre-warm for ten minutes). On SQLite there is one process and an
/// in-process lock per key does the same.
/// </summary>
public sealed class ExclusiveRun(SqlDialect dialect)
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _local = new();

    /// <summary>A stable lock key for one kind of work on one thing (e.g. "prewarm" of a request), the same on every instance.</summary>
    public static long KeyFor(string work, Guid id) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{work}:{id:D}")), 0);

    /// <summary>Runs <paramref name="work"/> if no other run holds <paramref name="lockKey"/>; false when skipped.</summary>
    public async Task<bool> TryRunAsync(long lockKey, Func<Task> work, CancellationToken ct = default)
    {
        var local = _local.GetOrAdd(lockKey, _ => new SemaphoreSlim(1, 1));
        if (!await local.WaitAsync(0, ct)) return false;
        try
        {
            if (dialect is not PostgresDialect pg)
            {
                await work();
                return true;
            }
            return await TryRunOnPostgresAsync(pg, lockKey, work, ct);
        }
        finally
        {
            local.Release();
        }
    }

    private static async Task<bool> TryRunOnPostgresAsync(PostgresDialect pg, long lockKey, Func<Task> work, CancellationToken ct)
    {
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
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", lockKey);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session is gone (server restarted, connection cut): so is its lock. The work's own outcome stands.
            }
        }
    }
}

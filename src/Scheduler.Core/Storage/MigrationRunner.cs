using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Applies the numbered SQL files of the dialect's folder (embedded in this assembly) in order,
/// each in its own transaction, recording them in DbUp's schemaversions table. On PostgreSQL the
/// run holds an advisory lock so that several console instances starting together migrate once.
/// </summary>
public sealed class MigrationRunner(SqlDialect dialect, ILogger<MigrationRunner> logger)
{
    // Any constant will do; it only has to be the same for every instance of the console.
    private const long AdvisoryLockKey = 0x43617061_63697479;

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (dialect is PostgresDialect pg)
        {
            await using var lockConnection = await pg.DataSource.OpenConnectionAsync(ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", lockConnection))
                await take.ExecuteNonQueryAsync(ct);
            try { Migrate(); }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", lockConnection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        else
        {
            Migrate();
            // WAL lets the pages read while a job writes; the setting is stored in the file.
            await using var c = dialect.CreateConnection();
            await c.OpenAsync(ct);
            await using var wal = c.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            await wal.ExecuteNonQueryAsync(ct);
        }
    }

    private void Migrate()
    {
        var engine = Builder()
            .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly,
                name => name.Contains($".Storage.Migrations.{dialect.MigrationFolder}.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();

        var known = engine.GetDiscoveredScripts().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = engine.GetExecutedScripts().Where(s => !known.Contains(s)).ToList();
        if (unknown.Count > 0)
            throw new SchemaTooNewException(
                $"The database ({dialect.Describe()}) has migration {ShortName(unknown[^1])} applied, which this " +
                "version of CapacityConsole does not know: the database is newer than the code. Run a newer " +
                "version, or point Storage at another database.");

        var result = engine.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException(
                $"Migration {ShortName(result.ErrorScript?.Name ?? "?")} failed: {result.Error?.Message}", result.Error);
    }

    private UpgradeEngineBuilder Builder() => dialect switch
    {
        SqliteDialect s => DeployChanges.To.SqliteDatabase(s.ConnectionString),
        PostgresDialect p => DeployChanges.To.PostgresqlDatabase(p.DataSource.ConnectionString),
        _ => throw new NotSupportedException(dialect.GetType().Name),
    };

    private static string ShortName(string scriptName)
    {
        var parts = scriptName.Split('.');
        return parts.Length >= 2 ? $"{parts[^2]}.{parts[^1]}" : scriptName;
    }

    /// <summary>Routes DbUp's chatter to the host's logger at Debug; errors stay errors.</summary>
    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}

/// <summary>The database carries migrations this code does not know; starting would risk corrupting it.</summary>
public sealed class SchemaTooNewException(string message) : Exception(message);

using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CapacityConsole.Web.Health;

public sealed class DatabaseHealthCheck(Database db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var c = await db.OpenAsync(ct);
            var migrations = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schemaversions");
            return HealthCheckResult.Healthy($"{db.Dialect.Provider}, {migrations} migration(s) applied");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message of a database error may name the server; it never carries the password.
            return HealthCheckResult.Unhealthy($"{db.Dialect.Provider} unreachable: {e.GetType().Name}");
        }
    }
}

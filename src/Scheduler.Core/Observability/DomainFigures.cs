using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scheduler.Observability;

/// <summary>
/// The domain's current figures for the metrics gauges, read from the tables (the source of truth)
/// when Prometheus scrapes, so every instance reports the same numbers. Small GROUP BY queries;
/// read synchronously because observable gauges are called synchronously.
/// </summary>
public sealed class DomainFigures(Database db)
{
    // Dapper materializes these through their properties: SQLite types a computed column (SUM,
    // COUNT) by its first value, so with no rows at all it is a BLOB, no constructor matched, and
    // the gauge's callback threw — every domain gauge was then missing from the scrape.
    public sealed record HeldCores(string InternalZoneId, string Provider, string State, long Cores)
    {
        [Dapper.ExplicitConstructor]
        private HeldCores() : this(default!, default!, default!, default) { }
    }

    public sealed record BudgetFigures(string CostCenter, decimal Committed, decimal Actual)
    {
        [Dapper.ExplicitConstructor]
        private BudgetFigures() : this(default!, default, default) { }
    }

    public sealed record RequestCount(string State, long Count)
    {
        [Dapper.ExplicitConstructor]
        private RequestCount() : this(default!, default) { }
    }

    public IReadOnlyList<HeldCores> CoresHeld()
    {
        using var c = db.Dialect.CreateConnection();
        return c.Query<HeldCores>("""
            SELECT m.internal_zone_id AS InternalZoneId, r.provider AS Provider, r.state AS State, SUM(r.cores) AS Cores
            FROM resources r JOIN member_zones m ON m.id = r.member_zone_id
            WHERE r.state <> 'Released'
            GROUP BY m.internal_zone_id, r.provider, r.state
            """).AsList();
    }

    public IReadOnlyList<BudgetFigures> Budgets()
    {
        using var c = db.Dialect.CreateConnection();
        return c.Query<BudgetFigures>(
            "SELECT cost_center AS CostCenter, SUM(committed) AS Committed, SUM(actual) AS Actual FROM budgets GROUP BY cost_center").AsList();
    }

    public IReadOnlyList<RequestCount> RequestsByState()
    {
        using var c = db.Dialect.CreateConnection();
        return c.Query<RequestCount>("SELECT state AS State, COUNT(*) AS Count FROM core_quota_requests GROUP BY state").AsList();
    }
}

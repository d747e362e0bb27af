// Rows are anonymous objects collected in List<object>: Dapper binds their properties at run time,
// which its build-time analyzer cannot see (DAP018 would call the parameters missing).
#pragma warning disable DAP018
using System.Text.Json;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Scale;

/// <summary>
/// How big the tables are. <see cref="Measured"/> is the busy week issue 16 measured; tests and
/// benchmarks use multiples of it.
/// </summary>
public sealed record ScaleShape(int Requests, int Waiting, int Resources, int LiveResources, int AuditEvents)
{
    public static readonly ScaleShape Measured = new(911, 589, 6_378, 5_760, 3_181);

    public ScaleShape Times(int factor) => new(Requests * factor, Waiting * factor, Resources * factor, LiveResources * factor, AuditEvents * factor);
}

/// <summary>What <see cref="ScaleFill"/> made, for the pages and queries that read it.</summary>
public sealed record ScaleFilled(Guid HotRequest, Guid HotBudget, int Requests, int Resources, int AuditEvents);

/// <summary>
/// Fills a migrated and demo-seeded database with a platform's worth of rows, written directly with
/// SQL in one transaction (going through the services would take minutes at 10×). The rows are
/// shaped like the real ones: requests of the demo services charged to approved budgets of their
/// cost centre, plans, orders, batches and resources for the requests that hold capacity, and
/// audit events. One request and one budget are "hot": they hold a large share of the resources and
/// audit events, which is what the heaviest pages show.
/// </summary>
public static class ScaleFill
{
    private static readonly string[] HoldingStates = ["Active", "Provisioning", "Releasing"];
    private static readonly string[] OtherStates = ["Released", "Scheduled", "Rejected", "Cancelled", "Draft"];

    public static async Task<ScaleFilled> FillAsync(Database db, ScaleShape shape, DateTimeOffset now)
    {
        await using var c = await db.OpenAsync();
        var services = (await c.QueryAsync<(string Id, string CostCenter)>("SELECT id, cost_center FROM services ORDER BY id")).AsList();
        var budgets = (await c.QueryAsync<BudgetRow>("SELECT id, cost_center FROM budgets WHERE state = 'Approved' ORDER BY name")).AsList();
        var zones = (await c.QueryAsync<(string Id, string InternalZoneId, string Provider)>(
            "SELECT m.id, m.internal_zone_id, m.provider FROM member_zones m JOIN internal_zones z ON z.id = m.internal_zone_id WHERE z.region_id = 'cn-beijing' ORDER BY m.id")).AsList();
        var offerings = (await c.QueryAsync<(string Id, string MemberZoneId, string InstanceType, long Cores)>(
            "SELECT id, member_zone_id, instance_type, cores_per_unit FROM offerings ORDER BY id")).AsList();
        offerings = offerings.Where(o => zones.Any(z => z.Id == o.MemberZoneId)).ToList();
        if (services.Count == 0 || budgets.Count == 0 || offerings.Count == 0) throw new InvalidOperationException("Seed the demo data first.");
        var chargeable = services.Where(s => budgets.Any(b => b.CostCenter == s.CostCenter)).ToList();

        var random = new Random(16);
        var holding = new List<(Guid Id, Guid BudgetId)>();
        var requestIds = new List<Guid>();
        var hotBudget = budgets[0].Id;
        await using var tx = await c.BeginTransactionAsync();

        var requestRows = new List<object>();
        for (var i = 0; i < shape.Requests; i++)
        {
            var service = chargeable[i % chargeable.Count];
            var budget = budgets.Where(b => b.CostCenter == service.CostCenter).ToList();
            var budgetId = i % 3 == 0 && budgets[0].CostCenter == service.CostCenter ? hotBudget : budget[i % budget.Count].Id;
            var state = i < shape.Waiting ? "Submitted" : i % 2 == 0 ? HoldingStates[i % HoldingStates.Length] : OtherStates[i % OtherStates.Length];
            var start = state == "Submitted" ? now.AddHours(2).AddMinutes(i) : now.AddHours(-2).AddMinutes(i % 600);
            var id = Guid.NewGuid();
            requestIds.Add(id);
            if (Array.IndexOf(HoldingStates, state) >= 0) holding.Add((id, budgetId));
            requestRows.Add(new
            {
                Id = id, ServiceId = service.Id, RequestedBy = i % 5 == 0 ? "owner" : $"user{i % 40}", Cores = 64 + (i % 16) * 32,
                RegionId = "cn-beijing", Zones = "", WindowStart = start, WindowEnd = start.AddHours(4), PrewarmLead = TimeSpan.FromMinutes(30),
                BudgetId = budgetId, Justification = $"Scale fill request {i}: an event of a busy week.", SurvivableShare = 0.5m, State = state,
                Committed = state == "Submitted" ? 0m : 120.5m, Actual = 0m, CreatedAt = now.AddDays(-1), UpdatedAt = now.AddDays(-1),
            });
        }
        await c.ExecuteAsync(
            """
            INSERT INTO core_quota_requests (id, service_id, requested_by, cores, region_id, internal_zone_ids, window_start, window_end, prewarm_lead,
                budget_id, justification, survivable_share, state, committed_amount, actual_spend, decided_by, decision_comment, failure_reason, created_at, updated_at)
            VALUES (@Id, @ServiceId, @RequestedBy, @Cores, @RegionId, @Zones, @WindowStart, @WindowEnd, @PrewarmLead, @BudgetId, @Justification,
                @SurvivableShare, @State, @Committed, @Actual, NULL, NULL, NULL, @CreatedAt, @UpdatedAt)
            """, requestRows, tx);

        // The hot request holds a tenth of the resources; the others share the rest.
        var hot = holding[0].Id;
        var batchOf = new Dictionary<Guid, List<Guid>>();
        var plans = new List<object>(); var allocations = new List<object>(); var orders = new List<object>(); var batches = new List<object>(); var events = new List<object>();
        foreach (var (id, _) in holding)
        {
            var planId = Guid.NewGuid(); var orderId = Guid.NewGuid();
            var offering = offerings[random.Next(offerings.Count)];
            plans.Add(new { Id = planId, RequestId = id, CreatedAt = now.AddHours(-3) });
            allocations.Add(new { PlanId = planId, Zone = zones.First(z => z.Id == offering.MemberZoneId).InternalZoneId, offering.MemberZoneId,
                Provider = zones.First(z => z.Id == offering.MemberZoneId).Provider, OfferingId = offering.Id, offering.InstanceType, Cores = (int)offering.Cores * 8 });
            orders.Add(new { Id = orderId, RequestId = id, PlanId = planId, CreatedAt = now.AddHours(-3).AddSeconds(orders.Count) });
            batchOf[id] = [];
            for (var b = 0; b < 3; b++)
            {
                var batchId = Guid.NewGuid();
                batchOf[id].Add(batchId);
                batches.Add(new { Id = batchId, OrderId = orderId, Sequence = b + 1, Provider = zones.First(z => z.Id == offering.MemberZoneId).Provider,
                    offering.MemberZoneId, OfferingId = offering.Id, offering.InstanceType, UpdatedAt = now.AddHours(-3).AddSeconds(30 + b) });
                events.Add(new { OrderId = orderId, At = now.AddHours(-3).AddSeconds(b), Message = $"Batch {b + 1}: asking for 100 × {offering.InstanceType}" });
            }
        }
        await c.ExecuteAsync("INSERT INTO plans (id, request_id, shortfall_cores, shortfall_reason, estimated_total, created_at) VALUES (@Id, @RequestId, 0, NULL, 120.5, @CreatedAt)", plans, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO allocations (plan_id, line, internal_zone_id, member_zone_id, provider, offering_id, instance_type, units, cores, cost_per_hour)
            VALUES (@PlanId, 1, @Zone, @MemberZoneId, @Provider, @OfferingId, @InstanceType, 8, @Cores, 3.5)
            """, allocations, tx);
        await c.ExecuteAsync("INSERT INTO provisioning_orders (id, request_id, plan_id, state, created_at, completed_at) VALUES (@Id, @RequestId, @PlanId, 'Completed', @CreatedAt, NULL)", orders, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO provisioning_batches (id, order_id, sequence, provider, member_zone_id, offering_id, instance_type, units, fulfilled_units, state, attempts, last_error, updated_at)
            VALUES (@Id, @OrderId, @Sequence, @Provider, @MemberZoneId, @OfferingId, @InstanceType, 100, 100, 'Fulfilled', 1, NULL, @UpdatedAt)
            """, batches, tx);
        await c.ExecuteAsync("INSERT INTO provisioning_events (order_id, at, message) VALUES (@OrderId, @At, @Message)", events, tx);

        var resources = new List<object>(shape.Resources);
        for (var i = 0; i < shape.Resources; i++)
        {
            var (requestId, _) = i % 10 == 0 ? (hot, Guid.Empty) : holding[holding.Count == 1 ? 0 : 1 + i % (holding.Count - 1)];
            var offering = offerings[i % offerings.Count];
            var live = i < shape.LiveResources;
            var created = now.AddHours(-3).AddSeconds(i % 3600);
            resources.Add(new
            {
                Id = $"i-scale{i:D7}", Provider = zones.First(z => z.Id == offering.MemberZoneId).Provider, offering.MemberZoneId,
                OfferingId = offering.Id, offering.InstanceType, Cores = (int)offering.Cores, RequestId = requestId,
                BatchId = batchOf[requestId][i % 3], State = live ? (i % 7 == 0 ? "Pending" : "Running") : "Released",
                CreatedAt = created, RunningAt = (DateTimeOffset?)created.AddSeconds(60), ReleasedAt = live ? null : (DateTimeOffset?)now.AddMinutes(-5), Price = 1.67m,
            });
        }
        await c.ExecuteAsync(
            """
            INSERT INTO resources (id, provider, member_zone_id, offering_id, instance_type, cores, request_id, batch_id, state, created_at, running_at, released_at, price_per_hour)
            VALUES (@Id, @Provider, @MemberZoneId, @OfferingId, @InstanceType, @Cores, @RequestId, @BatchId, @State, @CreatedAt, @RunningAt, @ReleasedAt, @Price)
            """, resources, tx);

        // A third of the trail on the hot request, a third on the hot budget, the rest spread out.
        var audit = new List<object>(shape.AuditEvents);
        for (var i = 0; i < shape.AuditEvents; i++)
        {
            var (type, entity) = (i % 3) switch
            {
                0 => ("CoreQuotaRequest", hot.ToString()),
                1 => ("Budget", hotBudget.ToString()),
                _ => ("CoreQuotaRequest", requestIds[i % requestIds.Count].ToString()),
            };
            var after = type == "Budget"
                ? JsonSerializer.Serialize(new { Committed = 1000m + i, Actual = i / 2m })
                : JsonSerializer.Serialize(new { State = "Active", Cores = 64, CommittedAmount = 120.5m, ActualSpend = i / 10m });
            audit.Add(new { Id = Guid.NewGuid(), At = now.AddHours(-3).AddSeconds(i), Actor = "planner", Type = type, Entity = entity, Action = "Scale fill", After = after });
        }
        await c.ExecuteAsync(
            "INSERT INTO audit_events (id, at, actor, entity_type, entity_id, action, before, after) VALUES (@Id, @At, @Actor, @Type, @Entity, @Action, NULL, @After)",
            audit, tx);
        await tx.CommitAsync();
        return new ScaleFilled(hot, hotBudget, shape.Requests, shape.Resources, shape.AuditEvents);
    }

    private sealed class BudgetRow { public Guid Id { get; set; } public string CostCenter { get; set; } = ""; }
}

using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>Orders, batches, resources and the provisioning timeline: the executor's memory across crashes.</summary>
public sealed class ProvisioningRepository(Database db)
{
    private const string BatchColumns =
        "id, order_id, sequence, provider, member_zone_id, offering_id, instance_type, units, fulfilled_units, state, attempts, last_error, updated_at, first_sent_at";
    private const string ResourceColumns =
        "id, provider, member_zone_id, offering_id, instance_type, cores, request_id, batch_id, state, created_at, running_at, released_at, price_per_hour";

    /// <summary>
    /// "Not released", written as the states it means: an IN list is answered from ix_resources_state
    /// on both databases, where "state &lt;&gt; 'Released'" made them read every resource ever made (issue 16).
    /// </summary>
    internal static readonly string LiveStates =
        string.Join(", ", Enum.GetValues<ResourceState>().Where(s => s != ResourceState.Released).Select(s => $"'{s}'"));

    public async Task<ProvisioningOrder?> GetOrderAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QueryFirstOrDefaultAsync<ProvisioningOrder>(
            "SELECT id, request_id, plan_id, state, created_at, completed_at FROM provisioning_orders WHERE request_id = @requestId ORDER BY created_at DESC LIMIT 1",
            new { requestId });
    }

    public Task InsertOrderAsync(ProvisioningOrder o, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            "INSERT INTO provisioning_orders (id, request_id, plan_id, state, created_at, completed_at) VALUES (@Id, @RequestId, @PlanId, @StateText, @CreatedAt, @CompletedAt)",
            new { o.Id, o.RequestId, o.PlanId, StateText = o.State.ToString(), o.CreatedAt, o.CompletedAt }, tx);

    public Task UpdateOrderAsync(ProvisioningOrder o, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("UPDATE provisioning_orders SET plan_id = @PlanId, state = @StateText, completed_at = @CompletedAt WHERE id = @Id",
            new { o.Id, o.PlanId, StateText = o.State.ToString(), o.CompletedAt }, tx);

    public async Task<IReadOnlyList<ProvisioningBatch>> ListBatchesAsync(Guid orderId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<ProvisioningBatch>($"SELECT {BatchColumns} FROM provisioning_batches WHERE order_id = @orderId ORDER BY sequence", new { orderId })).AsList();
    }

    public Task InsertBatchesAsync(IEnumerable<ProvisioningBatch> batches, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            $"""
            INSERT INTO provisioning_batches ({BatchColumns})
            VALUES (@Id, @OrderId, @Sequence, @ProviderText, @MemberZoneId, @OfferingId, @InstanceType, @Units, @FulfilledUnits, @StateText, @Attempts, @LastError, @UpdatedAt, @FirstSentAt)
            """, batches.Select(BatchParameters), tx);

    public Task UpdateBatchAsync(ProvisioningBatch b, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            "UPDATE provisioning_batches SET fulfilled_units = @FulfilledUnits, state = @StateText, attempts = @Attempts, last_error = @LastError, updated_at = @UpdatedAt, first_sent_at = @FirstSentAt WHERE id = @Id",
            BatchParameters(b), tx);

    /// <summary>Batches that may have made resources we have not recorded yet (sent, or about to be).</summary>
    public async Task<IReadOnlySet<Guid>> ListInFlightBatchIdsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Guid>($"SELECT id FROM provisioning_batches WHERE state IN ({BatchLifecycle.OpenSql})")).ToHashSet();
    }

    /// <summary>Every resource we believe is live, across requests.</summary>
    public async Task<IReadOnlyList<Resource>> ListLiveResourcesAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Resource>($"SELECT {ResourceColumns} FROM resources WHERE state IN ({LiveStates})")).AsList();
    }

    /// <summary>
    /// The ids of the live resources, of one provider or all: what the reconciler compares with a
    /// provider's list. Read from ix_resources_state_provider alone, without the rows (issue 16: the
    /// reconciler read every live row four times per pass).
    /// </summary>
    public async Task<IReadOnlyList<string>> ListLiveResourceIdsAsync(ProviderKind? provider = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var filter = provider is null ? "" : " AND provider = @provider";
        return (await c.QueryAsync<string>($"SELECT id FROM resources WHERE state IN ({LiveStates}){filter}", new { provider = provider?.ToString() })).AsList();
    }

    /// <summary>Whole rows of the named resources (the few a reconciler pass found gone), read in chunks of the primary key.</summary>
    public async Task<IReadOnlyList<Resource>> ListResourcesByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var c = await db.OpenAsync(ct);
        var rows = new List<Resource>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            // Named parameters, not Dapper's list expansion: with Npgsql that becomes "IN $1", which PostgreSQL refuses.
            var parameters = new DynamicParameters();
            var names = SqlList.Of(chunk, parameters);
            rows.AddRange(await c.QueryAsync<Resource>($"SELECT {ResourceColumns} FROM resources WHERE id IN ({names})", parameters));
        }
        return rows;
    }

    /// <summary>
    /// Live cores summed per member zone, provider and request: what the capacity sampler counts,
    /// answered from ix_resources_state alone instead of materializing every live resource.
    /// </summary>
    public async Task<IReadOnlyList<LiveCores>> ListLiveCoresAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<LiveCores>(
            $"""
            SELECT member_zone_id, provider, request_id, SUM(cores) AS cores FROM resources
            WHERE state IN ({LiveStates}) GROUP BY member_zone_id, provider, request_id
            """)).AsList();
    }

    /// <summary>Records resources; a resource already recorded (a replayed batch) is left as it is.</summary>
    public Task InsertResourcesAsync(IEnumerable<Resource> resources, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync(
            $"""
            INSERT INTO resources ({ResourceColumns})
            VALUES (@Id, @ProviderText, @MemberZoneId, @OfferingId, @InstanceType, @Cores, @RequestId, @BatchId, @StateText, @CreatedAt, @RunningAt, @ReleasedAt, @PricePerHour)
            ON CONFLICT (id) DO NOTHING
            """,
            resources.Select(r => new
            {
                r.Id, ProviderText = r.Provider.ToString(), r.MemberZoneId, r.OfferingId, r.InstanceType, r.Cores, r.RequestId, r.BatchId,
                StateText = r.State.ToString(), r.CreatedAt, r.RunningAt, r.ReleasedAt, r.PricePerHour,
            }), tx);

    public async Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Resource>($"SELECT {ResourceColumns} FROM resources WHERE request_id = @requestId ORDER BY created_at, id", new { requestId })).AsList();
    }

    /// <summary>One page of a request's resources in creation order, optionally of one state, with the total.</summary>
    public async Task<Page<Resource>> PageResourcesAsync(Guid requestId, PageRequest page, ResourceState? state = null, CancellationToken ct = default)
    {
        page.EnsureValid();
        var filter = state is null ? "" : " AND state = @state";
        var args = new { requestId, state = state?.ToString(), limit = page.EffectiveSize, offset = page.Offset };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"resources WHERE request_id = @requestId{filter}"), args);
        var items = (await c.QueryAsync<Resource>(
            $"SELECT {ResourceColumns} FROM resources WHERE request_id = @requestId{filter} ORDER BY created_at, id LIMIT @limit OFFSET @offset", args)).AsList();
        return Page<Resource>.Of(items, page, total);
    }

    /// <summary>How many resources and cores a request has in each state, without reading the rows.</summary>
    public async Task<IReadOnlyDictionary<ResourceState, (int Count, int Cores)>> CountResourcesAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string State, long Count, long Cores)>(
            "SELECT state, COUNT(*), COALESCE(SUM(cores), 0) FROM resources WHERE request_id = @requestId GROUP BY state", new { requestId });
        return rows.ToDictionary(r => Enum.Parse<ResourceState>(r.State), r => ((int)r.Count, (int)r.Cores));
    }

    /// <summary>
    /// Live cores per request and member zone for many requests in one query (the on-call page
    /// asked once per running request before, issue 16).
    /// </summary>
    public async Task<IReadOnlyList<(Guid RequestId, string MemberZoneId, int Cores)>> LiveCoresByZoneAsync(
        IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default)
    {
        if (requestIds.Count == 0) return [];
        var parameters = new DynamicParameters();
        var names = SqlList.Of(requestIds, parameters);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<ZoneCoresRow>(
            $"""
            SELECT request_id, member_zone_id, SUM(cores) AS cores FROM resources
            WHERE request_id IN ({names}) AND state IN ({LiveStates})
            GROUP BY request_id, member_zone_id
            """, parameters);
        return rows.Select(r => (r.RequestId, r.MemberZoneId, (int)r.Cores)).ToList();
    }

    /// <summary>An order's progress over all its batches, summed in the database (a 100,000-core run has thousands).</summary>
    public async Task<OrderProgressTotals> ProgressAsync(Guid orderId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var (units, fulfilled, batches, open) = await c.QuerySingleAsync<(long, long, long, long)>(
            $"""
            SELECT COALESCE(SUM(units), 0), COALESCE(SUM(fulfilled_units), 0), COUNT(*),
                   COALESCE(SUM(CASE WHEN state IN ({BatchLifecycle.OpenSql}) THEN 1 ELSE 0 END), 0)
            FROM provisioning_batches WHERE order_id = @orderId
            """, new { orderId });
        return new OrderProgressTotals(units, fulfilled, batches, open);
    }

    /// <summary>One page of an order's batches in sequence order, with the total.</summary>
    public async Task<Page<ProvisioningBatch>> PageBatchesAsync(Guid orderId, PageRequest page, BatchState? state = null, CancellationToken ct = default)
    {
        page.EnsureValid();
        var filter = state is null ? "" : " AND state = @state";
        var args = new { orderId, state = state?.ToString(), limit = page.EffectiveSize, offset = page.Offset };
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(PageCount.CountedSql($"provisioning_batches WHERE order_id = @orderId{filter}"), args);
        var items = (await c.QueryAsync<ProvisioningBatch>(
            $"SELECT {BatchColumns} FROM provisioning_batches WHERE order_id = @orderId{filter} ORDER BY sequence LIMIT @limit OFFSET @offset", args)).AsList();
        return Page<ProvisioningBatch>.Of(items, page, total);
    }

    /// <summary>The newest <paramref name="count"/> timeline entries of an order, oldest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<(DateTimeOffset At, string Message)> Events, long Total)> ListRecentEventsAsync(
        Guid orderId, int count, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM provisioning_events WHERE order_id = @orderId", new { orderId });
        var rows = await c.QueryAsync<TimelineRow>(
            "SELECT at, message FROM provisioning_events WHERE order_id = @orderId ORDER BY seq DESC LIMIT @count", new { orderId, count });
        return (rows.Reverse().Select(r => (r.At, r.Message)).ToList(), total);
    }

    /// <summary>Resources their provider reports Running; only Pending ones move, so a replay changes nothing.</summary>
    public Task MarkRunningAsync(IEnumerable<string> ids, DateTimeOffset at, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync($"UPDATE resources SET state = 'Running', running_at = @at WHERE id = @id AND state IN ({ResourceLifecycle.FromSql(ResourceAction.Boot)})",
            ids.Select(id => new { id, at }), tx);

    /// <summary>Cores a request holds now (booting or running), for live progress without reading every row.</summary>
    public async Task<int> HeldCoresAsync(Guid requestId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>(
            $"SELECT COALESCE(SUM(cores), 0) FROM resources WHERE request_id = @requestId AND state IN ({LiveStates})", new { requestId });
    }

    public Task MarkReleasedAsync(IEnumerable<string> ids, DateTimeOffset at, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync($"UPDATE resources SET state = 'Released', released_at = @at WHERE id = @id AND state IN ({ResourceLifecycle.FromSql(ResourceAction.Release)})",
            ids.Select(id => new { id, at }), tx);

    public Task AppendEventAsync(Guid orderId, DateTimeOffset at, string message, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("INSERT INTO provisioning_events (order_id, at, message) VALUES (@orderId, @at, @message)", new { orderId, at, message }, tx);

    public async Task<IReadOnlyList<(DateTimeOffset At, string Message)>> ListEventsAsync(Guid orderId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TimelineRow>("SELECT at, message FROM provisioning_events WHERE order_id = @orderId ORDER BY seq", new { orderId });
        return rows.Select(r => (r.At, r.Message)).ToList();
    }

    private sealed class ZoneCoresRow { public Guid RequestId { get; set; } public string MemberZoneId { get; set; } = ""; public long Cores { get; set; } }

    private sealed class TimelineRow { public DateTimeOffset At { get; set; } public string Message { get; set; } = ""; }

    private static object BatchParameters(ProvisioningBatch b) => new
    {
        b.Id, b.OrderId, b.Sequence, ProviderText = b.Provider.ToString(), b.MemberZoneId, b.OfferingId, b.InstanceType, b.Units,
        b.FulfilledUnits, StateText = b.State.ToString(), b.Attempts, b.LastError, b.UpdatedAt, b.FirstSentAt,
    };
}

using System.Globalization;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Dapper;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// Learns each provider's pace from the most recent provisioning orders: a batch's time from its first
/// "asking" timeline entry (written when <see cref="BatchLauncher"/> marks it Sent) to its resources being
/// recorded (the batch's last update as Fulfilled or Partial), and each resource's created → running time.
/// Retries and throttling are inside those spans, which is what makes the estimate honest.
/// </summary>
public sealed class LeadTimeHistory(Database db)
{
    /// <remarks>
    /// The boot times are read from the recent orders' batches down to their resources through
    /// ix_resources_batch; before it, this was a full scan of resources on every preview (issue 16).
    /// </remarks>
    public async Task<IReadOnlyDictionary<ProviderKind, ProviderPace>> LearnAsync(int orders, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        const string Recent = "WITH recent AS (SELECT id FROM provisioning_orders ORDER BY created_at DESC LIMIT @orders)";
        var batches = (await c.QueryAsync<BatchRow>(
            $"""
            {Recent}
            SELECT b.order_id, b.sequence, b.provider, b.updated_at FROM provisioning_batches b JOIN recent o ON o.id = b.order_id
            WHERE b.state IN ('Fulfilled', 'Partial')
            """, new { orders })).AsList();
        var asked = (await c.QueryAsync<EventRow>(
            $"""
            {Recent}
            SELECT e.order_id, e.at, e.message FROM provisioning_events e JOIN recent o ON o.id = e.order_id
            WHERE e.message LIKE 'Batch %: asking %'
            """, new { orders })).AsList();
        var boots = (await c.QueryAsync<BootRow>(
            $"""
            {Recent}
            SELECT b.provider, r.created_at, r.running_at FROM recent o
            JOIN provisioning_batches b ON b.order_id = o.id JOIN resources r ON r.batch_id = b.id
            WHERE r.running_at IS NOT NULL
            """, new { orders })).AsList();

        var sentAt = new Dictionary<(Guid, int), DateTimeOffset>();
        foreach (var e in asked)
            if (SequenceOf(e.Message) is { } sequence && (!sentAt.TryGetValue((e.OrderId, sequence), out var at) || e.At < at))
                sentAt[(e.OrderId, sequence)] = e.At;

        var spans = batches
            .Where(b => sentAt.ContainsKey((b.OrderId, b.Sequence)))
            .Select(b => (Provider: Enum.Parse<ProviderKind>(b.Provider), b.OrderId, Seconds: (b.UpdatedAt - sentAt[(b.OrderId, b.Sequence)]).TotalSeconds))
            .ToList();
        var result = new Dictionary<ProviderKind, ProviderPace>();
        foreach (var provider in spans.GroupBy(s => s.Provider))
        {
            var boot = boots.Where(b => b.Provider == provider.Key.ToString()).Select(b => (b.RunningAt - b.CreatedAt).TotalSeconds).ToList();
            result[provider.Key] = new ProviderPace(provider.Key, Math.Max(0, provider.Average(s => s.Seconds)),
                boot.Count > 0 ? Math.Max(0, boot.Average()) : double.NaN, provider.Select(s => s.OrderId).Distinct().Count());
        }
        return result;
    }

    /// <summary>"Batch 12: asking AlibabaCloud for …" → 12.</summary>
    internal static int? SequenceOf(string message)
    {
        var colon = message.IndexOf(':');
        return colon > 6 && int.TryParse(message.AsSpan(6, colon - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private sealed class BatchRow { public Guid OrderId { get; set; } public int Sequence { get; set; } public string Provider { get; set; } = ""; public DateTimeOffset UpdatedAt { get; set; } }
    private sealed class EventRow { public Guid OrderId { get; set; } public DateTimeOffset At { get; set; } public string Message { get; set; } = ""; }
    private sealed class BootRow { public string Provider { get; set; } = ""; public DateTimeOffset CreatedAt { get; set; } public DateTimeOffset RunningAt { get; set; } }
}

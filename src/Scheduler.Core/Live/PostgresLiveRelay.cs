using System.Text;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// Live updates between console instances on one PostgreSQL: each update published here is sent
/// with NOTIFY on <see cref="Channel"/>, and one LISTEN connection per instance hears the others'.
/// Payloads are small JSON; one that would pass NOTIFY's 8000-byte limit is stored in
/// live_update_payloads and only its id is sent. A lost LISTEN connection is logged once, retried
/// with backoff, and when it is back every viewer reloads (<see cref="LiveResynced"/>), because
/// what was sent meanwhile is gone.
/// </summary>
public sealed class PostgresLiveRelay(NpgsqlDataSource dataSource, LiveRelayStatus status, IServiceProvider services,
    TimeProvider clock, ILogger<PostgresLiveRelay> logger) : BackgroundService, ILiveRelay
{
    public const string Channel = "capacity_live";

    /// <summary>NOTIFY refuses payloads of 8000 bytes or more; keep a margin for the envelope.</summary>
    internal const int InlineLimitBytes = 7000;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>How long a LISTEN wait may stay silent before the connection is pinged (a dead peer is noticed).</summary>
    private static readonly TimeSpan PingAfter = TimeSpan.FromSeconds(15);

    // The same coalescing queue as the SignalR fan-out: while a NOTIFY is under way, newer states of a
    // request or zone replace the pending ones, so a burst sends the latest state, not a backlog.
    private readonly LiveCoalescer _outbound = new(10_000);
    // Bounded like every live buffer: an instance that cannot keep up loses the oldest, not its memory.
    private readonly Channel<string> _inbound = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>This process; its own notifications come back on its LISTEN connection and are skipped.</summary>
    public Guid Origin { get; } = Guid.NewGuid();

    // Resolved late: the notifier takes this relay in its constructor.
    private LiveNotifier Notifier => (LiveNotifier)services.GetService(typeof(LiveNotifier))!;

    public void Relay(LiveUpdate update)
    {
        if (update is not LiveResynced) _outbound.Offer(update);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendAsync(stoppingToken), ListenAsync(stoppingToken), DeliverAsync(stoppingToken));

    private async Task SendAsync(CancellationToken ct)
    {
        var failing = false;
        while (!ct.IsCancellationRequested)
        {
            try { await _outbound.WaitAsync(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            foreach (var update in _outbound.Drain())
            {
                try
                {
                    await NotifyAsync(update, ct);
                    if (failing) logger.LogInformation("Sending live updates to the other instances works again.");
                    failing = false;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Logged once per outage: the other instances resync when their own connection is back.
                    if (!failing) logger.LogWarning("Could not send a live update to the other instances ({Error}); they miss it until they reload.", e.Message);
                    failing = true;
                }
            }
        }
    }

    private async Task NotifyAsync(LiveUpdate update, CancellationToken ct)
    {
        var inline = LiveUpdateJson.Serialize(new LiveEnvelope(Origin, update, null));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (Encoding.UTF8.GetByteCount(inline) <= InlineLimitBytes)
        {
            await connection.ExecuteAsync("SELECT pg_notify(@channel, @payload)", new { channel = Channel, payload = inline });
            return;
        }
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync("""
            DELETE FROM live_update_payloads WHERE created_at < @old;
            INSERT INTO live_update_payloads (id, payload, created_at) VALUES (@id, @payload, @now);
            SELECT pg_notify(@channel, @reference);
            """, new
        {
            old = now.AddMinutes(-10), id, payload = LiveUpdateJson.Serialize(update), now, channel = Channel,
            reference = LiveUpdateJson.Serialize(new LiveEnvelope(Origin, null, id)),
        });
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        var lost = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => _inbound.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                status.MarkConnected();
                backoff = TimeSpan.FromMilliseconds(500);
                if (lost)
                {
                    logger.LogInformation("The LISTEN connection for live updates is back; viewers reload to catch up.");
                    Notifier.DeliverLocally(new LiveResynced(clock.GetUtcNow()));
                    lost = false;
                }
                while (!ct.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(PingAfter, ct))
                        await using (var ping = new NpgsqlCommand("SELECT 1", connection))
                            await ping.ExecuteNonQueryAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            // Whatever ends the connection (server restart, network, failover) — the loop must never end
            // the host; it keeps trying with backoff until the instance stops.
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                status.MarkDisconnected($"LISTEN connection lost: {e.Message}");
                if (!lost) logger.LogWarning("The LISTEN connection for live updates was lost ({Error}); retrying with backoff.", e.Message);
                lost = true;
                try { await Task.Delay(backoff, clock, ct); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task DeliverAsync(CancellationToken ct)
    {
        await foreach (var payload in _inbound.Reader.ReadAllAsync(ct))
        {
            try
            {
                if (await ReadAsync(payload, ct) is { } update) Notifier.DeliverLocally(update);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("A live update from another instance could not be read ({Error}); skipped.", e.Message);
            }
        }
    }

    private async Task<LiveUpdate?> ReadAsync(string payload, CancellationToken ct)
    {
        var envelope = LiveUpdateJson.DeserializeEnvelope(payload);
        if (envelope is null || envelope.Origin == Origin) return null;
        if (envelope.Update is { } inline) return inline;
        if (envelope.PayloadId is not { } id) return null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var stored = await connection.QuerySingleOrDefaultAsync<string>("SELECT payload FROM live_update_payloads WHERE id = @id", new { id });
        return stored is null ? null : LiveUpdateJson.DeserializeUpdate(stored);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Providers.Metrics;

/// <summary>
/// Measures every call through the provider port — count by action and outcome, latency — without
/// the adapters knowing: it wraps whatever <see cref="ICapacityProvider"/> is registered. Outcomes
/// are the port's typed failures (ok, throttled, stock-out, zone-unavailable, transient, permanent).
/// </summary>
public sealed class MeteredCapacityProvider(ICapacityProvider inner, ProviderInstruments instruments, ProviderReachability reachability, TimeProvider clock)
    : ICapacityProvider
{
    /// <summary>Idempotency keys already sent, to tell a retried batch from a new one (bounded: old keys are dropped).</summary>
    private readonly ConcurrentDictionary<string, byte> _sentKeys = new(StringComparer.Ordinal);

    private const int MaxRememberedKeys = 100_000;

    public ProviderKind Kind => inner.Kind;

    public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) =>
        MeasureAsync("list_offerings", () => inner.ListOfferingsAsync(memberZoneId, ct));

    public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
    {
        var tags = new KeyValuePair<string, object?>("provider", Kind.ToString());
        if (_sentKeys.Count > MaxRememberedKeys) _sentKeys.Clear();
        if (_sentKeys.TryAdd(command.IdempotencyKey, 0)) instruments.BatchesSent.Add(1, tags);
        else instruments.BatchesRetried.Add(1, tags);
        return MeasureAsync("provision", () => inner.ProvisionAsync(command, ct));
    }

    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) =>
        MeasureAsync("release", async () => { await inner.ReleaseAsync(memberZoneId, resourceIds, ct); return true; });

    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) =>
        MeasureAsync("list_by_owner_tag", () => inner.ListByOwnerTagAsync(tagKey, tagValue, ct));

    private async Task<T> MeasureAsync<T>(string action, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        string outcome = "ok";
        try
        {
            var result = await call();
            reachability.Record(Kind, clock.GetUtcNow(), null, null);
            return result;
        }
        catch (ProviderException e)
        {
            outcome = Outcome(e.Failure);
            reachability.Record(Kind, clock.GetUtcNow(), e.Failure, e.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            var tags = new TagList { { "provider", Kind.ToString() }, { "action", action }, { "outcome", outcome } };
            instruments.Calls.Add(1, tags);
            instruments.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static string Outcome(ProviderFailure failure) => failure switch
    {
        ProviderFailure.InsufficientCapacity => "stock-out",
        ProviderFailure.Throttled => "throttled",
        ProviderFailure.ZoneUnavailable => "zone-unavailable",
        ProviderFailure.Transient => "transient",
        ProviderFailure.Permanent => "permanent",
        _ => failure.ToString().ToLowerInvariant(),
    };
}

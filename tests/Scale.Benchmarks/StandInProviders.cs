using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scale.Benchmarks;

/// <summary>
/// A provider that holds exactly the units the fill recorded and answers at once. The benchmark
/// measures the reconciler's own work (its reads, comparisons and writes) at 10,000 live resources;
/// a real provider's list call is network time that the reconciler waits for, measured by the
/// provisioning benchmark instead.
/// </summary>
public sealed class StandInProvider(ProviderKind kind) : ICapacityProvider
{
    private IReadOnlyList<ProvidedResource> _held = [];

    public ProviderKind Kind => kind;

    public void Hold(IReadOnlyList<ProvidedResource> units) => _held = units;

    public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProviderOffering>>([]);

    public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct) =>
        throw new ProviderException(ProviderFailure.Permanent, "The scale benchmark provisions nothing.");

    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) => Task.FromResult(_held);
}

/// <summary>Counts what the reconciler would schedule; nothing runs.</summary>
public sealed class CountingJobs : IJobScheduler
{
    private int _scheduled;
    public int Scheduled => _scheduled;
    public void SchedulePrewarm(Guid requestId, DateTimeOffset at) => Interlocked.Increment(ref _scheduled);
    public void ScheduleRelease(Guid requestId, DateTimeOffset at) => Interlocked.Increment(ref _scheduled);
}

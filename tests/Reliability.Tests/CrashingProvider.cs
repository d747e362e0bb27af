using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Reliability.Tests;

/// <summary>Thrown where the process "dies": the provider has made the units, we have not yet written them down.</summary>
public sealed class ProcessKilledException() : Exception("The console process was killed.");

public sealed class CrashAfterCall
{
    public volatile bool Armed;
}

/// <summary>
/// Fault injection around a real provider: the call goes through, then the process is "killed"
/// before the executor can record the result: the worst moment for leaks and duplicates.
/// </summary>
public sealed class CrashingProvider(ICapacityProvider inner, CrashAfterCall crash) : ICapacityProvider
{
    public ProviderKind Kind => inner.Kind;

    public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) =>
        inner.ListOfferingsAsync(memberZoneId, ct);

    public async Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
    {
        var result = await inner.ProvisionAsync(command, ct);
        if (crash.Armed) throw new ProcessKilledException();
        return result;
    }

    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) =>
        inner.ReleaseAsync(memberZoneId, resourceIds, ct);

    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) =>
        inner.ListByOwnerTagAsync(tagKey, tagValue, ct);
}

using System.Collections.Concurrent;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Failover;

/// <summary>
/// An in-memory provider: units per idempotency key (a replay returns the same ids), tags kept, release
/// idempotent. The test can make calls fail, plant or forget units, and read the order of calls.
/// </summary>
public sealed class FakeProvider(ProviderKind kind) : ICapacityProvider
{
    private readonly ConcurrentDictionary<string, ProvidedResource> _units = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _byKey = new();
    private int _next;

    public ProviderKind Kind => kind;

    /// <summary>Every provision and release, in call order: ("provision" | "release", member zone, ids).</summary>
    public ConcurrentQueue<(string Call, string MemberZoneId, IReadOnlyList<string> Ids)> Calls { get; } = new();

    /// <summary>When set and true for a command, the call fails with that failure and makes nothing.</summary>
    public Func<ProvisionCommand, ProviderFailure?>? FailProvision { get; set; }

    /// <summary>When set, the units are made and then this is thrown (a process killed after the provider call).</summary>
    public Func<ProvisionCommand, Exception?>? AfterProvision { get; set; }

    /// <summary>When set and returning a failure for a tag key, listing by that tag fails.</summary>
    public Func<string, ProviderFailure?>? FailList { get; set; }

    /// <summary>The status new units report until <see cref="BootAll"/> (ECS instances boot for a while; IDC hosts are up at once).</summary>
    public string StatusOfNewUnits { get; set; } = "Running";

    public void BootAll()
    {
        foreach (var (id, unit) in _units) _units[id] = unit with { Status = "Running" };
    }

    public IReadOnlyCollection<ProvidedResource> Held => _units.Values.ToList();

    public Task<IReadOnlyList<ProviderOffering>> ListOfferingsAsync(string memberZoneId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProviderOffering>>([]);

    /// <summary>
    /// When set, units left per (member zone, instance type) across all callers: a call gets what is left
    /// (partial), and none left is insufficient capacity — several requests running the stock out.
    /// </summary>
    public Dictionary<(string MemberZoneId, string InstanceType), int>? Stock { get; set; }

    public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct)
    {
        if (FailProvision?.Invoke(command) is { } failure) throw new ProviderException(failure, $"{failure} (test)");
        var ids = _byKey.GetOrAdd(command.IdempotencyKey, _ =>
        {
            var units = command.Units;
            if (Stock is { } stock)
                lock (stock)
                {
                    var left = stock.GetValueOrDefault((command.MemberZoneId, command.InstanceType));
                    units = Math.Min(units, left);
                    stock[(command.MemberZoneId, command.InstanceType)] = left - units;
                }
            var made = Enumerable.Range(0, units).Select(_ => $"{kind}-{Interlocked.Increment(ref _next):D6}").ToList();
            foreach (var id in made)
                _units[id] = new ProvidedResource(id, command.MemberZoneId, command.InstanceType, StatusOfNewUnits, command.Tags, DateTimeOffset.UnixEpoch);
            Calls.Enqueue(("provision", command.MemberZoneId, made));
            return made;
        });
        if (ids.Count == 0) { _byKey.TryRemove(command.IdempotencyKey, out _); throw new ProviderException(ProviderFailure.InsufficientCapacity, "no stock left (test)"); }
        if (AfterProvision?.Invoke(command) is { } killed) throw killed;
        return Task.FromResult(new ProvisionResult(command.Units, ids));
    }

    /// <summary>When set and returning an exception for a zone, releasing there throws it and releases nothing.</summary>
    public Func<string, Exception?>? FailRelease { get; set; }

    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct)
    {
        if (FailRelease?.Invoke(memberZoneId) is { } failed) throw failed;
        foreach (var id in resourceIds) _units.TryRemove(id, out _);
        Calls.Enqueue(("release", memberZoneId, resourceIds.ToList()));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProvidedResource>> ListByOwnerTagAsync(string tagKey, string tagValue, CancellationToken ct) =>
        FailList?.Invoke(tagKey) is { } failure
            ? throw new ProviderException(failure, $"{failure} (test)")
            : Task.FromResult<IReadOnlyList<ProvidedResource>>(
            _units.Values.Where(u => u.Tags.TryGetValue(tagKey, out var v) && v == tagValue).OrderBy(u => u.Id, StringComparer.Ordinal).ToList());

    /// <summary>A unit the provider holds under <paramref name="tags"/> that no row of ours records.</summary>
    public string Plant(string memberZoneId, string instanceType, IReadOnlyDictionary<string, string> tags)
    {
        var id = $"{kind}-planted-{Interlocked.Increment(ref _next):D6}";
        _units[id] = new ProvidedResource(id, memberZoneId, instanceType, "Running", tags, DateTimeOffset.UnixEpoch);
        return id;
    }

    /// <summary>The unit disappears at the provider without us releasing it.</summary>
    public void Forget(string id) => _units.TryRemove(id, out _);
}

using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Live;

/// <summary>Something viewers watch change: published by the domain services, fanned out by <see cref="LiveNotifier"/>.</summary>
public abstract record LiveUpdate(DateTimeOffset At)
{
    /// <summary>The subscription keys this update is delivered to (besides <see cref="LiveKeys.All"/>).</summary>
    public abstract IEnumerable<string> Keys { get; }
}

/// <summary>A request moved: its state, or cores delivered by its provisioning order.</summary>
public sealed record RequestProgressed(Guid RequestId, RequestState State, int DeliveredCores, int PlannedCores, string? Message, DateTimeOffset At)
    : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Request(RequestId)];
}

/// <summary>An internal zone's (or one of its member zones') health changed.</summary>
public sealed record ZoneHealthChanged(string InternalZoneId, string? MemberZoneId, ZoneHealth Health, string? Reason, DateTimeOffset At)
    : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Zone(InternalZoneId)];
}

/// <summary>A new capacity sample of one internal zone and provider.</summary>
public sealed record CapacitySampled(CapacitySample Sample) : LiveUpdate(Sample.At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Zone(Sample.InternalZoneId)];
}

public static class LiveKeys
{
    public const string All = "all";
    public static string Request(Guid requestId) => $"request:{requestId:D}";
    public static string Zone(string internalZoneId) => $"zone:{internalZoneId}";
}

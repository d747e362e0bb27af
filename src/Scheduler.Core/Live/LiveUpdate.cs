using System.Text.Json.Serialization;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// Something viewers watch change: published by the domain services, fanned out by <see cref="LiveNotifier"/>.
/// The type names travel between instances (see <see cref="LiveUpdateJson"/>), so they are part of the wire format.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(RequestProgressed), "request")]
[JsonDerivedType(typeof(ZoneHealthChanged), "zone-health")]
[JsonDerivedType(typeof(CapacitySampled), "capacity")]
[JsonDerivedType(typeof(BudgetChanged), "budget")]
[JsonDerivedType(typeof(LiveResynced), "resync")]
public abstract record LiveUpdate(DateTimeOffset At)
{
    /// <summary>The subscription keys this update is delivered to (besides <see cref="LiveKeys.All"/>).</summary>
    [JsonIgnore]
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

/// <summary>A budget moved through its workflow (created, submitted, approved, rejected, closed).</summary>
public sealed record BudgetChanged(Guid BudgetId, BudgetState State, decimal Committed, decimal Actual, DateTimeOffset At) : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Budget(BudgetId)];
}

/// <summary>
/// This instance may have missed updates (its connection to the other instances was lost and is back):
/// every viewer should reload what it shows. Delivered locally to every key; never relayed.
/// </summary>
public sealed record LiveResynced(DateTimeOffset At) : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [];
}

public static class LiveKeys
{
    public const string All = "all";
    public static string Request(Guid requestId) => $"request:{requestId:D}";
    public static string Zone(string internalZoneId) => $"zone:{internalZoneId}";
    public static string Budget(Guid budgetId) => $"budget:{budgetId:D}";
}

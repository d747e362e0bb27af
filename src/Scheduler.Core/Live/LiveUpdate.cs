using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using CapacityConsole.Scheduler.Approvals;
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
[JsonDerivedType(typeof(CapacityVanished), "capacity-vanished")]
[JsonDerivedType(typeof(ApprovalPreviewsRefreshed), "approval-previews")]
[JsonDerivedType(typeof(StockRefreshed), "stock")]
public abstract record LiveUpdate(DateTimeOffset At)
{
    /// <summary>The subscription keys this update is delivered to (besides <see cref="LiveKeys.All"/>).</summary>
    [JsonIgnore, IgnoreDataMember]
    public abstract IEnumerable<string> Keys { get; }

    /// <summary>
    /// The state this update replaces: a newer update of the same subject supersedes it, so the
    /// fan-out (<see cref="LiveCoalescer"/>) sends only the latest. Null for an event that must each
    /// reach the viewer (an alert), which is never merged. Not on the wire (IgnoreDataMember keeps it
    /// out of the MessagePack hub protocol too).
    /// </summary>
    [JsonIgnore, IgnoreDataMember]
    public abstract string? Subject { get; }
}

/// <summary>A request moved: its state, or cores delivered by its provisioning order.</summary>
public sealed record RequestProgressed(Guid RequestId, RequestState State, int DeliveredCores, int PlannedCores, string? Message, DateTimeOffset At)
    : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Request(RequestId)];
    public override string? Subject => LiveKeys.Request(RequestId);
}

/// <summary>An internal zone's (or one of its member zones') health changed.</summary>
public sealed record ZoneHealthChanged(string InternalZoneId, string? MemberZoneId, ZoneHealth Health, string? Reason, DateTimeOffset At)
    : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Zone(InternalZoneId)];
    public override string? Subject => $"zone-health:{InternalZoneId}/{MemberZoneId}";
}

/// <summary>A new capacity sample of one internal zone and provider.</summary>
public sealed record CapacitySampled(CapacitySample Sample) : LiveUpdate(Sample.At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Zone(Sample.InternalZoneId)];
    public override string? Subject => $"capacity:{Sample.InternalZoneId}/{Sample.Provider}";
}

/// <summary>A budget moved through its workflow (created, submitted, approved, rejected, closed).</summary>
public sealed record BudgetChanged(Guid BudgetId, BudgetState State, decimal Committed, decimal Actual, DateTimeOffset At) : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [LiveKeys.Budget(BudgetId)];
    public override string? Subject => LiveKeys.Budget(BudgetId);
}

/// <summary>
/// This instance may have missed updates (its connection to the other instances was lost and is back):
/// every viewer should reload what it shows. Delivered locally to every key; never relayed.
/// </summary>
public sealed record LiveResynced(DateTimeOffset At) : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [];
    public override string? Subject => "resync";
}

public static class LiveKeys
{
    public const string All = "all";
    public static string Request(Guid requestId) => $"request:{requestId:D}";
    public static string Zone(string internalZoneId) => $"zone:{internalZoneId}";
    public static string Budget(Guid budgetId) => $"budget:{budgetId:D}";
}

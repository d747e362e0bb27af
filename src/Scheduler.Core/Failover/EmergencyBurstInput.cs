namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// What an on-call engineer gives to start an emergency burst (brief §2): the window starts now and
/// lasts <see cref="Duration"/>; <see cref="InternalZoneIds"/> empty means any zone of the region.
/// </summary>
public sealed record EmergencyBurstInput(
    string ServiceId,
    int Cores,
    string RegionId,
    IReadOnlyList<string>? InternalZoneIds,
    TimeSpan Duration,
    Guid BudgetId,
    string Reason);

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>Units asked and delivered over all of an order's batches, how many batches and how many are still open.</summary>
public sealed record OrderProgressTotals(long Units, long FulfilledUnits, long Batches, long OpenBatches);

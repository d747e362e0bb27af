namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>What one reconciler pass repaired.</summary>
/// <param name="FailoversAdvanced">Requests whose failover re-plan was made, or whose open batches or lost units in a Down zone were closed or released.</param>
/// <param name="CoresReplaced">Cores re-planned for Active requests short of their plan (vanished or never-booted units).</param>
public sealed record ReconcileReport(int PrewarmsScheduled, int ReleasesScheduled, int LeaksReleased, int VanishedRecorded, int FailoversAdvanced = 0, int CoresReplaced = 0)
{
    public bool RepairedAnything => PrewarmsScheduled + ReleasesScheduled + LeaksReleased + VanishedRecorded + FailoversAdvanced + CoresReplaced > 0;
}

namespace CapacityConsole.Scheduler.Reconciliation;

/// <summary>What one reconciler pass repaired.</summary>
public sealed record ReconcileReport(int PrewarmsScheduled, int ReleasesScheduled, int LeaksReleased, int VanishedRecorded)
{
    public bool RepairedAnything => PrewarmsScheduled + ReleasesScheduled + LeaksReleased + VanishedRecorded > 0;
}

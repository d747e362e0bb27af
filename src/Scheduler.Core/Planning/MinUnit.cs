namespace CapacityConsole.Scheduler.Planning;

/// <summary>Bounds of a stated minimum unit size (vCPU per node), shared by the options, services and requests.</summary>
public static class MinUnit
{
    /// <summary>No offering anyone sells is larger; a bigger minimum is a typo.</summary>
    public const int Max = 1024;
}

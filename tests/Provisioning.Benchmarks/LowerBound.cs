namespace CapacityConsole.Provisioning.Benchmarks;

/// <summary>
/// The earliest moment the limits allow every instance to be Running, for a run started at t0.
/// ECS counts its windows on the calendar (a second, a minute), so the bound does too:
/// <list type="bullet">
/// <item>C RunInstances calls at ≤ r per calendar second: the last is no earlier than the start of
/// second ⌈C/r⌉ − 1 after t0's second;</item>
/// <item>C calls at ≤ q per calendar minute: the last is no earlier than minute ⌈C/q⌉ − 1 after t0's;</item>
/// <item>U instances at ≤ K per calendar minute: the last is created no earlier than minute ⌈U/K⌉ − 1 after t0's;</item>
/// </list>
/// and the last created instance then needs one boot delay. Call latency, our own writes and the
/// polling for Running are not in the bound: they are what the ratio measures.
/// </summary>
public static class LowerBound
{
    public static DateTimeOffset LastRunningAt(DateTimeOffset t0, int calls, int instances, BenchLimits limits)
    {
        var second = new DateTimeOffset(t0.Ticks - t0.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var minute = new DateTimeOffset(t0.Ticks - t0.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var byCallsPerSecond = second.AddSeconds(Ceil(calls, limits.RunInstancesPerSecond) - 1);
        var byCallsPerMinute = minute.AddMinutes(Ceil(calls, limits.RunInstancesPerMinute) - 1);
        var byCreationCap = minute.AddMinutes(Ceil(instances, limits.InstancesPerMinute) - 1);
        var lastCreated = new[] { t0, byCallsPerSecond, byCallsPerMinute, byCreationCap }.Max();
        return lastCreated + limits.BootDelay;
    }

    /// <summary>RunInstances calls a plan needs: each allocation in calls of at most Amount units.</summary>
    public static int Calls(IEnumerable<int> unitsPerAllocation, int maxAmount) => unitsPerAllocation.Sum(u => Ceil(u, maxAmount));

    private static int Ceil(int a, int b) => (a + b - 1) / b;
}

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
/// and, all three at once (issue 15: a run started a few seconds before a minute ends cannot use that
/// minute's creation cap at 10 calls a second), the second-by-second schedule that creates as many
/// instances as every limit allows, with calls split fractionally — a relaxation, so still a bound no
/// real run can beat. The last created instance then needs one boot delay. Call latency, our own writes and the
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
        var lastCreated = new[] { t0, byCallsPerSecond, byCallsPerMinute, byCreationCap, Jointly(second, instances, limits) }.Max();
        return lastCreated + limits.BootDelay;
    }

    /// <summary>The start of the calendar second in which the greedy, fractional schedule creates its last instance.</summary>
    private static DateTimeOffset Jointly(DateTimeOffset firstSecond, int instances, BenchLimits limits)
    {
        double left = instances, createdThisMinute = 0, callsThisMinute = 0;
        var at = firstSecond;
        while (true)
        {
            if (at.Second == 0) (createdThisMinute, callsThisMinute) = (0, 0);
            var now = Math.Min(left, Math.Min(limits.RunInstancesPerSecond * (double)limits.MaxAmount,
                Math.Min((limits.RunInstancesPerMinute - callsThisMinute) * limits.MaxAmount, limits.InstancesPerMinute - createdThisMinute)));
            now = Math.Max(0, now);
            left -= now;
            createdThisMinute += now;
            callsThisMinute += now / limits.MaxAmount;
            if (left <= 1e-9) return at;
            at = at.AddSeconds(1);
        }
    }

    /// <summary>RunInstances calls a plan needs: each allocation in calls of at most Amount units.</summary>
    public static int Calls(IEnumerable<int> unitsPerAllocation, int maxAmount) => unitsPerAllocation.Sum(u => Ceil(u, maxAmount));

    private static int Ceil(int a, int b) => (a + b - 1) / b;
}

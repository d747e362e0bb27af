namespace CapacityConsole.Provisioning.Benchmarks;

/// <summary>
/// The ECS limits the emulator enforces in this benchmark and where each number comes from
/// (docs/benchmarks.md, "Provisioning", says the same). Documented by ECS: Amount ≤ 100 per
/// RunInstances and at most 5000 instances created per minute per account (spec §3.6, §5). Not
/// published, so assumed: the RunInstances API quota and the boot time.
/// </summary>
public sealed record BenchLimits
{
    /// <summary>RunInstances Amount limit (documented).</summary>
    public int MaxAmount { get; init; } = 100;

    /// <summary>Instances created per minute per account (documented: 5000).</summary>
    public int InstancesPerMinute { get; init; } = 5000;

    /// <summary>RunInstances calls per second per region (assumed; ECS does not publish its API quotas).</summary>
    public int RunInstancesPerSecond { get; init; } = 10;

    /// <summary>RunInstances calls per minute per region (assumed, in the "200/60s" style of the OpenAPI quota pages).</summary>
    public int RunInstancesPerMinute { get; init; } = 200;

    /// <summary>Pending → Running (assumed; spec §3.12 says tens of seconds to a few minutes).</summary>
    public TimeSpan BootDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time the emulator takes to answer RunInstances and DescribeInstances (issue 15: real ECS takes
    /// about a second; loopback answers in milliseconds). Zero: not modelled.
    /// </summary>
    public TimeSpan CallLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Share (0–1) of RunInstances and DescribeInstances calls answered 503 ServiceUnavailable, a transient error the client retries.</summary>
    public double TransientErrorRate { get; init; }

    /// <summary>
    /// The client's own RunInstances rate: two below the server's. The client's limiter hands out one
    /// permit every 1/rate s with no burst, so any second sees at most rate + 1 sends, and one more
    /// leaves room for a send delayed into the next second (a throttled API stays refused for the rest
    /// of the minute, spec §5). It was half the server's while the limiter refilled a whole second's
    /// permits at once (issue 15: a run started late in a minute lost that minute's creation cap).
    /// </summary>
    public int ClientRunInstancesPerSecond => Math.Max(1, RunInstancesPerSecond - 2);
}

using CapacityConsole.Scheduler.Capacity;
using CapacityConsole.Scheduler.Jobs;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Recurring, every minute: one capacity sample per internal zone and provider for the live charts.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 0, LogEvents = true)] // a missed sample is a gap in a chart; the next minute's sample follows
public sealed class CapacitySampleJob(CapacitySampler sampler, JobPassTimer timer)
{
    public const string Id = "capacity-sample";

    public async Task<int> RunAsync(CancellationToken ct) =>
        (await timer.RunAsync("Capacity sampler", () => sampler.SampleAsync(ct), samples => $"{samples.Count} samples taken", ct)).Count;
}

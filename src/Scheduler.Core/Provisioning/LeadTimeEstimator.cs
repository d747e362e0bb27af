using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// Estimates how long the executor will take to deliver a plan (brief §9): the batches it would send,
/// lane by lane as <see cref="ProvisioningService"/> sends them, at each provider's pace learned from
/// recent orders (<see cref="LeadTimeHistory"/>), bounded by the ECS call-rate ceilings.
/// </summary>
public sealed class LeadTimeEstimator(LeadTimeHistory history, IOptions<SchedulingOptions> scheduling, IOptions<LeadTimeOptions> options)
{
    public async Task<LeadTimeEstimate> EstimateAsync(Plan plan, TimeSpan prewarmLead, CancellationToken ct = default)
    {
        var learned = await history.LearnAsync(options.Value.HistoryOrders, ct);
        return Calculate(plan.Allocations, learned, prewarmLead, scheduling.Value, options.Value);
    }

    /// <summary>The pure calculation; <paramref name="learned"/> holds the providers that have history.</summary>
    public static LeadTimeEstimate Calculate(
        IReadOnlyList<Allocation> allocations, IReadOnlyDictionary<ProviderKind, ProviderPace> learned, TimeSpan prewarmLead,
        SchedulingOptions scheduling, LeadTimeOptions options)
    {
        var paces = allocations.Select(a => a.Provider).Distinct().Order()
            .Select(p => Pace(p, learned, options)).ToDictionary(p => p.Provider);

        // Lanes in plan order, as the executor groups its batches; a lane's batches go one after another.
        var lanes = allocations
            .GroupBy(a => (a.Provider, a.MemberZoneId))
            .Select(g => (g.Key.Provider, Batches: g.Sum(a => BatchesOf(a.Units, scheduling.MaxUnitsPerBatch)), Units: g.Sum(a => a.Units)))
            .Where(l => l.Batches > 0)
            .ToList();

        // Parallel.ForEachAsync hands the next lane to whichever of MaxParallelBatches workers frees first.
        var workers = new double[Math.Max(1, scheduling.MaxParallelBatches)];
        var ready = 0.0;
        foreach (var lane in lanes)
        {
            var pace = paces[lane.Provider];
            var worker = Array.IndexOf(workers, workers.Min());
            workers[worker] += lane.Batches * pace.SecondsPerBatch;
            // Earlier batches boot while later ones are sent, so the lane is ready one boot after its last batch.
            ready = Math.Max(ready, workers[worker] + pace.BootSeconds);
        }

        // However many lanes run at once, ECS takes only so many calls and instances per unit of time.
        var ecs = lanes.Where(l => l.Provider == ProviderKind.AlibabaCloud).ToList();
        if (ecs.Count > 0)
        {
            var sending = Math.Max(ecs.Sum(l => l.Batches) / options.EcsCallsPerSecond, ecs.Sum(l => l.Units) * 60.0 / options.EcsInstancesPerMinute);
            ready = Math.Max(ready, sending + paces[ProviderKind.AlibabaCloud].BootSeconds);
        }

        var duration = TimeSpan.FromSeconds(Math.Ceiling(ready));
        var exceeds = duration > prewarmLead;
        var warning = exceeds
            ? $"Provisioning is estimated to take {LeadTimeEstimate.Format(duration)}, longer than the pre-warm lead of {LeadTimeEstimate.Format(prewarmLead)}: "
              + "the capacity would not be ready when the window starts. Ask for a longer lead time."
            : null;
        return new LeadTimeEstimate(duration, lanes.Sum(l => l.Batches), lanes.Count, paces.Values.ToList(), prewarmLead, exceeds, warning);
    }

    public static int BatchesOf(int units, int maxUnitsPerBatch) => units <= 0 ? 0 : (units + maxUnitsPerBatch - 1) / maxUnitsPerBatch;

    /// <summary>A provider's learned pace; its boot time stays the default until some resource has been seen running.</summary>
    private static ProviderPace Pace(ProviderKind provider, IReadOnlyDictionary<ProviderKind, ProviderPace> learned, LeadTimeOptions options)
    {
        var fallback = Default(provider, options);
        if (!learned.TryGetValue(provider, out var pace)) return fallback;
        return double.IsNaN(pace.BootSeconds) ? pace with { BootSeconds = fallback.BootSeconds, BootLearned = false } : pace;
    }

    public static ProviderPace Default(ProviderKind provider, LeadTimeOptions options) => provider switch
    {
        ProviderKind.Idc => new ProviderPace(provider, options.IdcSecondsPerBatch, options.IdcBootSeconds, 0),
        _ => new ProviderPace(provider, options.EcsSecondsPerBatch, options.EcsBootSeconds, 0),
    };
}

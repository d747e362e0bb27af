using System.Diagnostics.Metrics;
using CapacityConsole.Scheduler.Observability;
using CapacityConsole.Scheduler.Reconciliation;

namespace CapacityConsole.Web.Metrics;

/// <summary>
/// The domain's gauges and the reconciler's repair counter (meter "CapacityConsole.Domain"):
/// capacity_cores_held{internal_zone,provider,state}, capacity_budget_committed / _actual{cost_center},
/// capacity_requests{state}, capacity_reconciler_repairs_total{kind}.
/// </summary>
public sealed class DomainInstruments : IDisposable
{
    public const string MeterName = "CapacityConsole.Domain";

    private readonly Meter _meter;
    private readonly Counter<long> _repairs;

    public DomainInstruments(IMeterFactory meters, DomainFigures figures)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("capacity.cores.held", () => figures.CoresHeld().Select(h => new Measurement<long>(h.Cores,
            new("internal_zone", h.InternalZoneId), new("provider", h.Provider), new("state", h.State))),
            unit: "{core}", description: "Cores held at providers by internal zone, provider and resource state.");
        _meter.CreateObservableGauge("capacity.budget.committed", () => figures.Budgets().Select(b =>
            new Measurement<double>((double)b.Committed, new KeyValuePair<string, object?>("cost_center", b.CostCenter))),
            description: "Budget committed by cost center (currency units).");
        _meter.CreateObservableGauge("capacity.budget.actual", () => figures.Budgets().Select(b =>
            new Measurement<double>((double)b.Actual, new KeyValuePair<string, object?>("cost_center", b.CostCenter))),
            description: "Budget spent (accrued) by cost center (currency units).");
        _meter.CreateObservableGauge("capacity.requests", () => figures.RequestsByState().Select(r =>
            new Measurement<long>(r.Count, new KeyValuePair<string, object?>("state", r.State))),
            unit: "{request}", description: "Core quota requests by state.");
        _repairs = _meter.CreateCounter<long>("capacity.reconciler.repairs", unit: "{repair}", description: "Drift the reconciler repaired, by kind.");
    }

    public void RecordRepairs(ReconcileReport report)
    {
        Add("prewarm_rescheduled", report.PrewarmsScheduled);
        Add("release_rescheduled", report.ReleasesScheduled);
        Add("leak_released", report.LeaksReleased);
        Add("vanished_recorded", report.VanishedRecorded);
        Add("failover_advanced", report.FailoversAdvanced);
    }

    private void Add(string kind, int count)
    {
        // Zero is added too, so every kind appears in the scrape from the first pass on.
        _repairs.Add(count, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Dispose() => _meter.Dispose();
}

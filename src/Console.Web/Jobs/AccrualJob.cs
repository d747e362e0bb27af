using CapacityConsole.Scheduler.Accrual;
using Hangfire;

namespace CapacityConsole.Web.Jobs;

/// <summary>Recurring: moves what running capacity has cost so far into the budgets' actual spend.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 120)]
[AutomaticRetry(Attempts = 0, LogEvents = true)] // only the difference is added, so the next pass catches up
public sealed class AccrualJob(AccrualService accrual)
{
    public const string Id = "budget-accrual";

    public Task<decimal> RunAsync(CancellationToken ct) => accrual.AccrueAsync(ct);
}

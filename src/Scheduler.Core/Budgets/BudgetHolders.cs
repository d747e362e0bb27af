namespace CapacityConsole.Scheduler.Budgets;

/// <summary>
/// The requests a budget still pays for: approved and not yet settled, so their commitment sits on
/// the budget and their running units accrue to it. <see cref="First"/> names a few of them.
/// </summary>
public sealed record BudgetHolders(int Count, IReadOnlyList<BudgetHolder> First)
{
    public static readonly BudgetHolders None = new(0, []);

    /// <summary>Request states that hold money on the budget (from approval until released, cancelled or failed).</summary>
    public static readonly string[] HoldingStates = ["Approved", "Scheduled", "Provisioning", "Active", "Releasing"];
}

public sealed record BudgetHolder(Guid RequestId, string ServiceId, int Cores, string State);

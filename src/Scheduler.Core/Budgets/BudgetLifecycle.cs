namespace CapacityConsole.Scheduler.Budgets;

/// <summary>Draft → PendingApproval → Approved | Rejected → Closed (brief §3).</summary>
public static class BudgetLifecycle
{
    public static readonly StateMachine<BudgetState, BudgetAction> Machine = new("Budget",
    [
        (BudgetState.Draft, BudgetAction.Submit, BudgetState.PendingApproval),
        (BudgetState.PendingApproval, BudgetAction.Approve, BudgetState.Approved),
        (BudgetState.PendingApproval, BudgetAction.Reject, BudgetState.Rejected),
        (BudgetState.Approved, BudgetAction.Close, BudgetState.Closed),
        (BudgetState.Rejected, BudgetAction.Close, BudgetState.Closed),
    ]);
}

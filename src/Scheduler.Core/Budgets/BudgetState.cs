namespace CapacityConsole.Scheduler.Budgets;

public enum BudgetState { Draft, PendingApproval, Approved, Rejected, Closed }

public enum BudgetAction { Submit, Approve, Reject, Close }

namespace CapacityConsole.Scheduler.Budgets;

/// <summary>
/// Money (CNY) for a cost center over a period or an event. Committed is the sum of approved
/// requests' estimates; actual is metered spend. A budget is never over-committed.
/// </summary>
public sealed class Budget
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string CostCenter { get; private set; } = "";
    public string? EventName { get; private set; }
    public decimal Amount { get; private set; }
    public DateTimeOffset PeriodStart { get; private set; }
    public DateTimeOffset PeriodEnd { get; private set; }
    public BudgetState State { get; private set; }
    public decimal Committed { get; private set; }
    public decimal Actual { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string? SubmittedBy { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionComment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// What is left to commit: the amount less what open requests still hold and what has been spent.
    /// Accrued spend consumes the request's commitment (see <see cref="Accrue"/>), so nothing is counted twice,
    /// and money spent by settled requests stays spent.
    /// </summary>
    public decimal Available => Amount - Committed - Actual;

    private Budget() { }

    public static Budget Create(
        string name, string costCenter, string? eventName, decimal amount,
        DateTimeOffset periodStart, DateTimeOffset periodEnd, string createdBy, DateTimeOffset now, Guid? id = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name)) errors[nameof(Name)] = ["A budget needs a name."];
        if (string.IsNullOrWhiteSpace(costCenter)) errors[nameof(CostCenter)] = ["A budget needs a cost center."];
        TextLimits.Check(name, TextLimits.Name, nameof(Name), errors);
        TextLimits.Check(costCenter, TextLimits.Name, nameof(CostCenter), errors);
        TextLimits.Check(eventName, TextLimits.Name, nameof(EventName), errors);
        if (amount <= 0) errors[nameof(Amount)] = ["The amount must be more than 0 CNY."];
        if (decimal.Round(amount, 2) != amount) errors[nameof(Amount)] = ["The amount has at most two decimals (fen)."];
        if (periodEnd <= periodStart) errors[nameof(PeriodEnd)] = ["The period must end after it starts."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        return new Budget
        {
            Id = id ?? Guid.NewGuid(),
            Name = name.Trim(),
            CostCenter = costCenter.Trim(),
            EventName = string.IsNullOrWhiteSpace(eventName) ? null : eventName.Trim(),
            Amount = amount,
            PeriodStart = periodStart.ToUniversalTime(),
            PeriodEnd = periodEnd.ToUniversalTime(),
            State = BudgetState.Draft,
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Submit(string submitter, DateTimeOffset now)
    {
        Apply(BudgetAction.Submit, now);
        SubmittedBy = submitter;
    }

    public void Approve(string approver, string? comment, DateTimeOffset now) => Decide(BudgetAction.Approve, approver, comment, now);

    public void Reject(string approver, string? comment, DateTimeOffset now) => Decide(BudgetAction.Reject, approver, comment, now);

    /// <summary>
    /// The four-eyes rule: whoever created or submitted a budget neither approves nor rejects it.
    /// People are compared by user name; an API key acts under its holder's name, so a key cannot
    /// decide its own holder's budget either.
    /// </summary>
    public bool IsOwnWorkOf(string person) =>
        string.Equals(person, CreatedBy, StringComparison.OrdinalIgnoreCase)
        || string.Equals(person, SubmittedBy, StringComparison.OrdinalIgnoreCase);

    private void Decide(BudgetAction action, string approver, string? comment, DateTimeOffset now)
    {
        TextLimits.Require(comment, TextLimits.Comment, "Comment");
        if (State == BudgetState.PendingApproval && IsOwnWorkOf(approver))
            throw new ForbiddenException(
                $"Four-eyes rule: '{approver}' created or submitted budget '{Name}' and cannot {action.ToString().ToLowerInvariant()} it; another planner must.");
        Apply(action, now);
        (DecidedBy, DecisionComment) = (approver, comment);
    }

    /// <summary>
    /// Closes the budget. Refused while requests still hold money on it: their commitment would be
    /// stranded and their running units would accrue to a closed budget.
    /// </summary>
    public void Close(BudgetHolders holders, DateTimeOffset now)
    {
        if (holders.Count > 0)
        {
            var named = string.Join("; ", holders.First.Select(h => $"{h.ServiceId} {h.Cores:N0} cores, {h.State} ({h.RequestId})"));
            var more = holders.Count > holders.First.Count ? $" and {holders.Count - holders.First.Count:N0} more" : "";
            throw new ConflictException(
                $"Budget '{Name}' still pays for {holders.Count:N0} request{(holders.Count == 1 ? "" : "s")}: {named}{more}. " +
                "Close it once they are released, cancelled or failed.");
        }
        Apply(BudgetAction.Close, now);
    }

    /// <summary>Reserves an approved request's estimate. Refused when it would exceed the amount.</summary>
    public void Commit(decimal amount, DateTimeOffset now)
    {
        if (amount < 0) throw new DomainValidationException(nameof(amount), "A commitment cannot be negative.");
        if (State != BudgetState.Approved)
            throw new ConflictException($"Budget '{Name}' is {State}; only an Approved budget can take commitments.");
        if (amount > Available)
            throw new ConflictException(
                $"Budget '{Name}' has {Available:0.00} CNY left; a commitment of {amount:0.00} CNY does not fit.");
        Committed += amount;
        UpdatedAt = now;
    }

    /// <summary>Returns a commitment (request cancelled, rejected or settled).</summary>
    public void ReleaseCommitment(decimal amount, DateTimeOffset now)
    {
        if (amount < 0 || amount > Committed)
            throw new ConflictException($"Budget '{Name}' has {Committed:0.00} CNY committed; {amount:0.00} CNY cannot be returned.");
        Committed -= amount;
        UpdatedAt = now;
    }

    /// <summary>
    /// Adds metered spend, <paramref name="fromCommitment"/> of it moving out of the commitment that covered it
    /// (the part beyond the request's commitment is an overrun). Never refused: what ran has been paid for.
    /// </summary>
    public void Accrue(decimal amount, decimal fromCommitment, DateTimeOffset now)
    {
        if (amount < 0) throw new DomainValidationException(nameof(amount), "Accrued spend cannot be negative.");
        if (fromCommitment < 0 || fromCommitment > amount || fromCommitment > Committed)
            throw new ConflictException(
                $"Budget '{Name}' has {Committed:0.00} CNY committed; {fromCommitment:0.00} CNY of {amount:0.00} CNY spent cannot come out of it.");
        Actual += amount;
        Committed -= fromCommitment;
        UpdatedAt = now;
    }

    private void Apply(BudgetAction action, DateTimeOffset now)
    {
        State = BudgetLifecycle.Machine.Next(State, action);
        UpdatedAt = now;
    }
}

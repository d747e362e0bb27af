namespace CapacityConsole.Scheduler.Requests;

/// <summary>
/// "Service S needs N cores in region/zones Z from T1 to T2, ready by T1, charged to budget B."
/// <see cref="SurvivableShare"/> is the share of the cores that must survive the loss of any one
/// internal zone (1.0 = N+1: losing a zone loses nothing of the requested cores).
/// </summary>
public sealed class CoreQuotaRequest
{
    public Guid Id { get; private set; }
    public string ServiceId { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public int Cores { get; private set; }
    public string RegionId { get; private set; } = "";
    public IReadOnlyList<string> InternalZoneIds { get; private set; } = [];
    public DateTimeOffset WindowStart { get; private set; }
    public DateTimeOffset WindowEnd { get; private set; }
    public TimeSpan PrewarmLead { get; private set; }
    public Guid BudgetId { get; private set; }
    public string Justification { get; private set; } = "";
    public decimal SurvivableShare { get; private set; }
    /// <summary>The smallest unit (vCPU per node) the plan may use, on top of the service's and the planner's minimum; 0 means no further limit.</summary>
    public int MinCoresPerUnit { get; private set; }
    public RequestState State { get; private set; }
    public decimal CommittedAmount { get; private set; }
    public decimal ActualSpend { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionComment { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>What of the commitment the metered spend has not used yet; the budget still holds it as committed.</summary>
    public decimal UnspentCommitment => Math.Max(0m, CommittedAmount - ActualSpend);

    /// <summary>When the pre-warm job must start so that capacity is ready at the window's start.</summary>
    public DateTimeOffset PrewarmAt => WindowStart - PrewarmLead;

    /// <summary>
    /// How far ahead a window may end, and the longest pre-warm lead. Beyond these the arithmetic
    /// of the schedule (window end + release grace + auto-release margin, window start − lead)
    /// would overflow DateTimeOffset; no real event is planned that far out.
    /// </summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(5 * 366);

    public static readonly TimeSpan MaxPrewarmLead = TimeSpan.FromDays(30);

    private CoreQuotaRequest() { }

    public static CoreQuotaRequest Create(NewCoreQuotaRequest input, string requestedBy, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.ServiceId)) errors[nameof(ServiceId)] = ["Choose a service."];
        if (input.Cores <= 0) errors[nameof(Cores)] = ["Cores must be a whole number above 0."];
        if (input.Cores > 2_000_000) errors[nameof(Cores)] = ["Cores must be at most 2,000,000."];
        if (string.IsNullOrWhiteSpace(input.RegionId)) errors[nameof(RegionId)] = ["Choose a region."];
        if (input.WindowEnd <= input.WindowStart) errors[nameof(WindowEnd)] = ["The window must end after it starts."];
        if (input.WindowStart < now) errors[nameof(WindowStart)] = ["The window cannot start in the past."];
        if (input.PrewarmLead < TimeSpan.Zero) errors[nameof(PrewarmLead)] = ["The pre-warm lead time cannot be negative."];
        if (input.PrewarmLead > MaxPrewarmLead) errors[nameof(PrewarmLead)] = [$"The pre-warm lead time is at most {MaxPrewarmLead.TotalDays:0} days."];
        if (input.WindowEnd > now + MaxHorizon) errors[nameof(WindowEnd)] = [$"The window must end within {MaxHorizon.TotalDays / 366:0} years from now."];
        if (input.InternalZoneIds is null || input.InternalZoneIds.Any(string.IsNullOrWhiteSpace))
            errors[nameof(InternalZoneIds)] = ["Internal zone ids cannot be null or blank; leave the list empty for any zone of the region."];
        TextLimits.Check(input.Justification, TextLimits.Justification, nameof(Justification), errors);
        if (input.BudgetId == Guid.Empty) errors[nameof(BudgetId)] = ["Choose a budget to charge."];
        if (input.SurvivableShare is <= 0 or > 1) errors[nameof(SurvivableShare)] = ["The survivable share must be above 0 and at most 1."];
        if (string.IsNullOrWhiteSpace(input.Justification)) errors[nameof(Justification)] = ["Say why the cores are needed."];
        if (input.MinCoresPerUnit is < 0 or > Planning.MinUnit.Max)
            errors[nameof(MinCoresPerUnit)] = [$"The minimum cores per unit is a whole number from 0 to {Planning.MinUnit.Max} (0: no minimum)."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        return new CoreQuotaRequest
        {
            Id = Guid.NewGuid(),
            ServiceId = input.ServiceId,
            RequestedBy = requestedBy,
            Cores = input.Cores,
            RegionId = input.RegionId,
            InternalZoneIds = (input.InternalZoneIds ?? []).Distinct().Order(StringComparer.Ordinal).ToArray(),
            WindowStart = input.WindowStart.ToUniversalTime(),
            WindowEnd = input.WindowEnd.ToUniversalTime(),
            PrewarmLead = input.PrewarmLead,
            BudgetId = input.BudgetId,
            Justification = input.Justification.Trim(),
            SurvivableShare = input.SurvivableShare,
            MinCoresPerUnit = input.MinCoresPerUnit,
            State = RequestState.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public void Submit(DateTimeOffset now) => Apply(RequestAction.Submit, now);

    /// <summary>Approves and records the commitment taken from the budget. Nobody approves their own request.</summary>
    public void Approve(string approver, decimal committedAmount, string? comment, DateTimeOffset now)
    {
        if (string.Equals(approver, RequestedBy, StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException($"Four-eyes rule: '{approver}' filed this request and cannot approve it; another planner must.");
        TextLimits.Require(comment, TextLimits.Comment, "Comment");
        Apply(RequestAction.Approve, now);
        (DecidedBy, DecisionComment, CommittedAmount) = (approver, comment, committedAmount);
    }

    public void Reject(string approver, string? comment, DateTimeOffset now)
    {
        TextLimits.Require(comment, TextLimits.Comment, "Comment");
        Apply(RequestAction.Reject, now);
        (DecidedBy, DecisionComment) = (approver, comment);
    }

    /// <summary>
    /// A re-plan that costs more than the approved estimate commits the difference too. Active is
    /// allowed because a zone failing during the event re-plans an Active request (failover).
    /// </summary>
    public void RaiseCommitment(decimal delta, DateTimeOffset now)
    {
        if (State is not (RequestState.Provisioning or RequestState.Active))
            throw new ConflictException($"Core-quota request is {State}; its commitment changes only while Provisioning or Active.");
        if (delta < 0) throw new DomainValidationException(nameof(delta), "A commitment is raised by a positive amount.");
        CommittedAmount += delta;
        UpdatedAt = now;
    }

    public void Schedule(DateTimeOffset now) => Apply(RequestAction.Schedule, now);
    public void StartProvisioning(DateTimeOffset now) => Apply(RequestAction.StartProvisioning, now);
    public void Activate(DateTimeOffset now) => Apply(RequestAction.Activate, now);
    public void StartRelease(DateTimeOffset now) => Apply(RequestAction.StartRelease, now);

    public void CompleteRelease(decimal actualSpend, DateTimeOffset now)
    {
        Apply(RequestAction.CompleteRelease, now);
        RecordAccrual(actualSpend, now);
    }

    /// <summary>Metered spend so far. It only grows: capacity that ran has been paid for.</summary>
    public void RecordAccrual(decimal total, DateTimeOffset now)
    {
        if (total < ActualSpend)
            throw new ConflictException($"Actual spend cannot fall from {ActualSpend:0.00} to {total:0.00} CNY.");
        ActualSpend = total;
        UpdatedAt = now;
    }

    /// <summary>Cancels; the caller returns <see cref="CommittedAmount"/> to the budget.</summary>
    public void Cancel(DateTimeOffset now) => Apply(RequestAction.Cancel, now);

    /// <summary>
    /// A Failed request whose units are all given back: its spend is final and what it did not spend of
    /// its commitment went back to the budget (the caller did that), so nothing stays committed.
    /// </summary>
    public void SettleFailure(decimal actualSpend, DateTimeOffset now)
    {
        if (State != RequestState.Failed) throw new IllegalTransitionException("Core-quota request", State.ToString(), "SettleFailure");
        RecordAccrual(actualSpend, now);
        CommittedAmount = ActualSpend;
    }

    /// <summary>A Failed request is settled once its commitment is down to what it spent.</summary>
    public bool IsSettled => State == RequestState.Failed && CommittedAmount == ActualSpend;

    public void Fail(string reason, DateTimeOffset now)
    {
        Apply(RequestAction.Fail, now);
        FailureReason = reason;
    }

    private void Apply(RequestAction action, DateTimeOffset now)
    {
        State = RequestLifecycle.Machine.Next(State, action);
        UpdatedAt = now;
    }
}

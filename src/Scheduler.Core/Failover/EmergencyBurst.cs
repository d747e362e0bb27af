using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// On-call starts an emergency burst (brief §2): a core-quota request filed for a service and approved
/// at once through the ordinary <see cref="RequestService"/> path, so the planner, the budget rules
/// (never over-committed; a plan that falls short is refused with its shortfall) and the pre-warm job
/// are exactly those of any request.
///
/// Why the request names two people: "a requester cannot approve their own request" must stay true
/// for every normal request, so the emergency path does not bypass it. The request is filed by the
/// on-call engineer (acting for the service's team) and decided by "emergency-burst:&lt;name&gt;", a
/// decider that exists only on this path, after the on-call role and a written reason were checked.
/// The audit trail records that it was an emergency burst, by whom and why.
/// </summary>
public sealed class EmergencyBurst(
    RequestService requests, ServiceRepository services, AuditLog audit, TimeProvider clock)
{
    public const string DeciderPrefix = "emergency-burst:";

    /// <summary>
    /// Filing refuses a window that starts in the past, and a little time passes between our clock
    /// read and that check; the window therefore starts this much later, and the pre-warm lead is the
    /// same amount, so the pre-warm is still scheduled for the moment the burst was asked for.
    /// </summary>
    public static readonly TimeSpan StartSlack = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>The plan and cost the burst would get now; nothing is stored.</summary>
    public async Task<Plan> PreviewAsync(EmergencyBurstInput input, Actor actor, CancellationToken ct = default)
    {
        var (request, onBehalf) = await PrepareAsync(input, actor, ct);
        return await requests.PreviewAsync(request, onBehalf, ct);
    }

    public async Task<CoreQuotaRequest> StartAsync(EmergencyBurstInput input, Actor actor, CancellationToken ct = default)
    {
        var (request, onBehalf) = await PrepareAsync(input, actor, ct);
        var reason = input.Reason.Trim();
        var decider = new Actor(DeciderPrefix + actor.UserName, null, Role.Planner);
        // Filed, approved and audited in one transaction: a burst refused for its shortfall, or because
        // a concurrent burst took the budget between the plan and the commitment, stores nothing
        // (an earlier version filed first and cancelled on refusal, leaving a Cancelled request behind).
        return await requests.FileApprovedAsync(request, onBehalf, decider, $"Emergency burst: {reason}",
            (c, tx, approved) => audit.AppendAsync(c, tx, actor.UserName, "CoreQuotaRequest", approved.Id.ToString(), "Emergency burst",
                null, new { Reason = reason, StartedBy = actor.UserName, DecidedBy = decider.UserName, approved.Cores, approved.CommittedAmount }),
            ct);
    }

    private async Task<(NewCoreQuotaRequest Request, Actor OnBehalf)> PrepareAsync(EmergencyBurstInput input, Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Role.OnCall) && !actor.Has(Role.Admin))
            throw new ForbiddenException($"'{actor.UserName}' is not on call; only on-call engineers and admins start emergency bursts.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Reason)) errors[nameof(input.Reason)] = ["Say why the burst is needed (it is kept in the audit trail)."];
        // The reason becomes the decision comment ("Emergency burst: <reason>"), so the comment's limit bounds it.
        TextLimits.Check(input.Reason, TextLimits.Comment - "Emergency burst: ".Length, nameof(input.Reason), errors);
        if (input.InternalZoneIds is not null && input.InternalZoneIds.Any(string.IsNullOrWhiteSpace))
            errors[nameof(input.InternalZoneIds)] = ["Internal zone ids cannot be null or blank; leave the list out for any zone of the region."];
        if (input.Duration <= TimeSpan.Zero || input.Duration > MaxDuration)
            errors[nameof(input.Duration)] = [$"The duration must be above 0 and at most {MaxDuration.TotalDays:0} days."];
        if (string.IsNullOrWhiteSpace(input.ServiceId)) errors[nameof(input.ServiceId)] = ["Choose a service."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var service = await services.FindAsync(input.ServiceId, ct)
            ?? throw new DomainValidationException(nameof(input.ServiceId), $"There is no service '{input.ServiceId}'.");
        // On-call acts for the service's team, under their own name: the request shows who asked.
        var onBehalf = new Actor(actor.UserName, service.OwnerTeam, Role.ServiceOwner);
        var now = clock.GetUtcNow();
        var start = now + StartSlack;
        var request = new NewCoreQuotaRequest(input.ServiceId, input.Cores, input.RegionId, input.InternalZoneIds ?? [], start, start + input.Duration,
            StartSlack, input.BudgetId, $"Emergency burst: {input.Reason.Trim()}");
        return (request, onBehalf);
    }
}

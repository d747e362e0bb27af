namespace CapacityConsole.Scheduler.Requests;

/// <summary>
/// Draft → Submitted → Approved | Rejected → Scheduled → Provisioning → Active → Releasing → Released,
/// plus Cancelled and Failed (brief §3). Once anything may have been provisioned (Provisioning,
/// Active), the way out is through Releasing, so that nothing is left running; a pre-warm that fails
/// stays Failed (its reason is the news) while the release routine gives back what it holds and its
/// money is settled (see <c>ReleaseService</c>).
/// </summary>
public static class RequestLifecycle
{
    public static readonly StateMachine<RequestState, RequestAction> Machine = new("Core-quota request",
    [
        (RequestState.Draft, RequestAction.Submit, RequestState.Submitted),
        (RequestState.Submitted, RequestAction.Approve, RequestState.Approved),
        (RequestState.Submitted, RequestAction.Reject, RequestState.Rejected),
        (RequestState.Approved, RequestAction.Schedule, RequestState.Scheduled),
        (RequestState.Scheduled, RequestAction.StartProvisioning, RequestState.Provisioning),
        (RequestState.Provisioning, RequestAction.Activate, RequestState.Active),
        (RequestState.Provisioning, RequestAction.StartRelease, RequestState.Releasing),
        (RequestState.Active, RequestAction.StartRelease, RequestState.Releasing),
        (RequestState.Releasing, RequestAction.CompleteRelease, RequestState.Released),
        (RequestState.Draft, RequestAction.Cancel, RequestState.Cancelled),
        (RequestState.Submitted, RequestAction.Cancel, RequestState.Cancelled),
        (RequestState.Approved, RequestAction.Cancel, RequestState.Cancelled),
        (RequestState.Scheduled, RequestAction.Cancel, RequestState.Cancelled),
        (RequestState.Scheduled, RequestAction.Fail, RequestState.Failed),
        (RequestState.Provisioning, RequestAction.Fail, RequestState.Failed),
    ]);
}

namespace CapacityConsole.Scheduler.Requests;

public enum RequestState
{
    Draft, Submitted, Approved, Rejected, Scheduled, Provisioning, Active, Releasing, Released, Cancelled, Failed,
}

public enum RequestAction
{
    Submit, Approve, Reject, Schedule, StartProvisioning, Activate, StartRelease, CompleteRelease, Cancel, Fail,
}

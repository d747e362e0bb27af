namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// Carries live updates published on this instance to the other instances of the console. It must
/// not block the publisher (a job, a failover): implementations queue and send in the background.
/// </summary>
public interface ILiveRelay
{
    void Relay(LiveUpdate update);
}

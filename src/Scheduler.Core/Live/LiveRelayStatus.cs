namespace CapacityConsole.Scheduler.Live;

/// <summary>Whether this instance currently hears the other instances' live updates; read by the readiness check.</summary>
public sealed class LiveRelayStatus
{
    private volatile string? _problem = "not connected yet";

    /// <summary>True on the in-process relay (nothing to hear) and while the LISTEN connection is up.</summary>
    public bool Connected => _problem is null;

    /// <summary>Why it is not connected, for the readiness report; never holds a password.</summary>
    public string? Problem => _problem;

    public void MarkConnected() => _problem = null;

    public void MarkDisconnected(string problem) => _problem = problem;

    /// <summary>The embedded default: one process, every update is already local.</summary>
    public static LiveRelayStatus InProcess()
    {
        var status = new LiveRelayStatus();
        status.MarkConnected();
        return status;
    }
}

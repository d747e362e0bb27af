namespace CapacityConsole.Scheduler.Provisioning;

public enum BatchState { Pending, Sent, Fulfilled, Partial, Failed, Cancelled }

public enum BatchAction { Send, Fulfil, FulfilPartly, Fail, Cancel }

/// <summary>
/// Pending → Sent (again on each retry) → Fulfilled | Partial | Failed; Pending or Sent → Cancelled when
/// a re-plan or a failover gives the work up. A batch is <see cref="IsOpen"/> while it may still make
/// units we have not recorded: the executor sends it, the reconciler must not call its units leaks.
/// </summary>
public static class BatchLifecycle
{
    public static readonly StateMachine<BatchState, BatchAction> Machine = new("Provisioning batch",
    [
        (BatchState.Pending, BatchAction.Send, BatchState.Sent),
        (BatchState.Sent, BatchAction.Send, BatchState.Sent),
        (BatchState.Sent, BatchAction.Fulfil, BatchState.Fulfilled),
        (BatchState.Sent, BatchAction.FulfilPartly, BatchState.Partial),
        (BatchState.Sent, BatchAction.Fail, BatchState.Failed),
        (BatchState.Pending, BatchAction.Cancel, BatchState.Cancelled),
        (BatchState.Sent, BatchAction.Cancel, BatchState.Cancelled),
    ]);

    /// <summary>The states from which a batch can still be sent: exactly those with an action leading out of them.</summary>
    public static readonly IReadOnlyList<BatchState> Open =
        Enum.GetValues<BatchState>().Where(s => Machine.Allows(s, BatchAction.Send)).ToArray();

    public static bool IsOpen(BatchState state) => Open.Contains(state);

    /// <summary>The open states as a SQL list, so the queries and the table cannot disagree.</summary>
    public static string OpenSql => string.Join(", ", Open.Select(s => $"'{s}'"));
}

namespace CapacityConsole.Scheduler.Provisioning;

public enum ResourceState { Pending, Running, Released }

public enum ResourceAction { Boot, Release }

/// <summary>
/// Pending (created, booting) → Running → Released; a unit that never booted is released from Pending.
/// A unit the provider no longer has (vanished) is released too: what it cost ends when we saw it go.
/// The repository's bulk updates guard their WHERE clauses with <see cref="FromSql"/>, so the SQL
/// moves exactly the rows the table allows.
/// </summary>
public static class ResourceLifecycle
{
    public static readonly StateMachine<ResourceState, ResourceAction> Machine = new("Resource",
    [
        (ResourceState.Pending, ResourceAction.Boot, ResourceState.Running),
        (ResourceState.Pending, ResourceAction.Release, ResourceState.Released),
        (ResourceState.Running, ResourceAction.Release, ResourceState.Released),
    ]);

    /// <summary>A resource is live (held, billed) until it is Released.</summary>
    public static bool IsLive(ResourceState state) => Machine.Allows(state, ResourceAction.Release);

    /// <summary>"'Pending', 'Running'": the states <paramref name="action"/> may leave.</summary>
    public static string FromSql(ResourceAction action) => string.Join(", ",
        Enum.GetValues<ResourceState>().Where(s => Machine.Allows(s, action)).Select(s => $"'{s}'"));
}

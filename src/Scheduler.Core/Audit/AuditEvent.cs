namespace CapacityConsole.Scheduler.Audit;

/// <summary>Every state change: who, what, when, before → after.</summary>
public sealed record AuditEvent(
    Guid Id,
    DateTimeOffset At,
    string Actor,
    string EntityType,
    string EntityId,
    string Action,
    string? Before,
    string? After)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private AuditEvent() : this(default!, default!, default!, default!, default!, default!, default!, default!) { }
}


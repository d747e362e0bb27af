namespace CapacityConsole.Scheduler.Topology;

/// <summary>A metro area, e.g. "cn-beijing".</summary>
public sealed record Region(string Id, string Name)
{
    /// <summary>Dapper materializes through the properties (SQLite hands back Int64 and TEXT).</summary>
    [Dapper.ExplicitConstructor]
    private Region() : this(default!, default!) { }
}


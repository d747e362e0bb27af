namespace CapacityConsole.Scheduler.Topology;

/// <summary>A metro area, e.g. "cn-beijing".</summary>
public sealed record Region(string Id, string Name);

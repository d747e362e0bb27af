namespace CapacityConsole.Scheduler.Topology;

/// <summary>Down zones get nothing; Degraded zones are used only when healthy ones cannot serve (brief §5.3).</summary>
public enum ZoneHealth { Healthy, Degraded, Down }

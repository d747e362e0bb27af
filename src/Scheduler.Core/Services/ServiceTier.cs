namespace CapacityConsole.Scheduler.Services;

/// <summary>HotCache services are latency-critical and stay on IDC; Stateless ones burst to the cloud.</summary>
public enum ServiceTier { HotCache, Stateless }

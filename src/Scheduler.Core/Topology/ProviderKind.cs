namespace CapacityConsole.Scheduler.Topology;

/// <summary>Who delivers the capacity of a member zone: our own data centers or Alibaba Cloud ECS.</summary>
public enum ProviderKind { Idc, AlibabaCloud }

using CapacityConsole.Scheduler.Capacity;

namespace CapacityConsole.Web.Hubs;

/// <summary>What the console pushes to external clients subscribed to a zone or a request.</summary>
public interface IConsoleClient
{
    Task ZoneHealthChanged(string internalZoneId, string health, string? reason);
    Task CapacitySampled(CapacitySample sample);
    Task RequestProgress(Guid requestId, string state, int provisionedCores, int plannedCores);
}

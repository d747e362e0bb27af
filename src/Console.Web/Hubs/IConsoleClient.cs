using CapacityConsole.Scheduler.Live;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// What the console pushes to external clients, by group: zone health and capacity samples to a
/// zone's subscribers, progress to a request's. The payloads are the domain's live-update records,
/// so the stream and the pages show the same thing.
/// </summary>
public interface IConsoleClient
{
    Task ZoneHealthChanged(ZoneHealthChanged update);
    Task CapacitySampled(CapacitySampled update);
    Task RequestProgressed(RequestProgressed update);
}

using Microsoft.Extensions.Logging;

namespace CapacityConsole.EcsEmulator;

/// <summary>
/// Sends the emulator's logs to the embedding process's logger factory while keeping the emulator's
/// own filters (replacing ILoggerFactory outright would bypass them).
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger("EcsEmulator." + categoryName);

    public void Dispose() { }
}

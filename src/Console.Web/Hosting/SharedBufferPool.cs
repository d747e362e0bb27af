using System.Globalization;

namespace CapacityConsole.Web.Hosting;

/// <summary>
/// Lets <c>ArrayPool&lt;byte&gt;.Shared</c> keep enough buffers for one live send to every viewer.
/// SignalR's pipe per connection rents a 4 KB segment from the shared pool for each write and gives
/// it back once the WebSocket has sent it. The pool keeps 32 arrays per size and core, so a send to
/// 10,000 viewers, which holds 10,000 segments at once, allocated about 9,900 new ones and dropped
/// them again: 94% of all the console's allocations during a flash sale, 26 collections and ~1.4 s
/// of paused threads in 20 s at 10,000 viewers (docs/benchmarks.md, "Hub viewers"). SignalR offers no
/// pool of its own for these pipes, and the shared pool's only limit is this environment variable,
/// read once when the pool is first used, so it is set first thing in Main; an operator's own
/// value wins. What the pool keeps and no longer uses is still trimmed when memory runs short.
/// </summary>
internal static class SharedBufferPool
{
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Per size and core: two cores keep up to 16,384 of the 4 KB segments (64 MiB), when that many were in use at once.</summary>
    public const int ArraysPerCore = 8_192;

    public static void Configure()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Environment.SetEnvironmentVariable(Variable, ArraysPerCore.ToString(CultureInfo.InvariantCulture));
    }
}

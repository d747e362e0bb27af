namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// The load client's thousands of sockets complete their reads on the runtime's socket event thread
/// instead of handing each to the thread pool: the client's only work per receipt is a short parse
/// (no blocking), and every hop it saves is CPU the console it measures gets back on the shared cores.
/// The runtime reads the variable once, when the first socket is made, so this runs first; the
/// console's process does not inherit it (<see cref="Testing.ConsoleProcess"/>).
/// </summary>
internal static class LoadClientSockets
{
    public static void CompleteInline() => Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

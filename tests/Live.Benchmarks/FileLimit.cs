using System.Runtime.InteropServices;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// Each viewer is one socket in this process and one in the console's (a child, which inherits the
/// limit): 10,000 viewers need the open-file limit above that. Raised to the hard limit when needed.
/// </summary>
internal static partial class FileLimit
{
    private const int RlimitNofile = 7; // Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Current; public ulong Max; }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    /// <summary>Makes room for <paramref name="needed"/> open files; returns a line saying what the limit is.</summary>
    public static string Ensure(int needed)
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNofile, out var limit) != 0) return "open-file limit: unknown";
        if (limit.Current >= (ulong)needed) return $"open-file limit {limit.Current} (enough for {needed})";
        var raised = limit with { Current = Math.Min(limit.Max, Math.Max((ulong)needed, limit.Current)) };
        if (setrlimit(RlimitNofile, raised) != 0) return $"open-file limit {limit.Current}: could not raise it (errno {Marshal.GetLastPInvokeError()})";
        return $"open-file limit raised in this process from {limit.Current} to {raised.Current} (hard limit {limit.Max})";
    }
}

using System.Collections.Concurrent;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>
/// One successful RunInstances as the emulator saw it: whether it carried a ClientToken and an
/// AutoReleaseTime, which tags, and what it created (nothing when the token replayed an earlier answer).
/// </summary>
public sealed record RunInstancesCall(
    DateTimeOffset At,
    string ZoneId,
    string InstanceType,
    string? ClientToken,
    DateTimeOffset? AutoReleaseTime,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<string> CreatedIds,
    bool Replayed);

/// <summary>
/// Every successful RunInstances since start, kept in memory only, so tests and benchmarks can check
/// what a client really sent on the wire (tokens, auto-release, tags) and that no token created twice.
/// Deleted instances stay in the journal: it is the history, <see cref="EmulatorState"/> is the present.
/// </summary>
internal sealed class RunInstancesJournal
{
    private readonly ConcurrentQueue<RunInstancesCall> _calls = new();

    public void Add(RunInstancesCall call) => _calls.Enqueue(call);

    public IReadOnlyList<RunInstancesCall> Snapshot() => [.. _calls];
}

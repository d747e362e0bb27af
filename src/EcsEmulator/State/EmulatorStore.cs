using CapacityConsole.EcsEmulator.Options;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>
/// The mutable world behind one lock. Every access first releases instances whose AutoReleaseTime
/// has passed, so expiry needs no background timer and follows the injected clock exactly.
/// </summary>
internal sealed class EmulatorStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private EmulatorState _state;

    public EmulatorStore(IOptions<EcsEmulatorOptions> options, TimeProvider time)
    {
        _time = time;
        _state = Initial(options.Value);
    }

    public T Use<T>(Func<EmulatorState, DateTimeOffset, T> action)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            ReleaseExpired(_state, now);
            return action(_state, now);
        }
    }

    /// <summary>Replaces the whole state (loading a saved file).</summary>
    public void Replace(EmulatorState state)
    {
        lock (_gate) _state = state;
    }

    public static void Release(EmulatorState state, EmulatorInstance instance)
    {
        state.Remove(instance);
        var key = EmulatorState.StockKey(instance.ZoneId, instance.InstanceType);
        state.Stock[key] = state.Stock.GetValueOrDefault(key) + 1;
    }

    private static void ReleaseExpired(EmulatorState state, DateTimeOffset now)
    {
        while (state.Expiries.TryPeek(out var id, out var at) && at <= now)
        {
            state.Expiries.Dequeue();
            // The instance may have been deleted already; then there is nothing left to release.
            if (state.Instances.TryGetValue(id, out var instance) && instance.AutoReleaseAt <= now) Release(state, instance);
        }
    }

    private static EmulatorState Initial(EcsEmulatorOptions o)
    {
        var state = new EmulatorState();
        foreach (var zone in o.Regions.SelectMany(r => r.Zones))
            foreach (var offering in zone.Offerings)
                state.Stock[EmulatorState.StockKey(zone.ZoneId, offering.InstanceType)] = offering.Stock;
        return state;
    }
}

using System.Collections.Concurrent;
using CapacityConsole.EcsEmulator.Options;

namespace CapacityConsole.EcsEmulator.Faults;

/// <summary>
/// Run-time fault switches, seeded from configuration and changed by tests through
/// <see cref="EcsEmulatorHost.Faults"/>. Faults apply after authentication and rate limiting, so a
/// faulted call still looks like a real server-side failure. Thread-safe.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly ConcurrentDictionary<string, (double Rate, string Code, int Status)> _errorRates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedFault>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _downZones = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Zone, string Type), byte> _stockOuts = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _actionLatency = new(StringComparer.Ordinal);
    private long _latencyTicks;

    internal EmulatorFaults(EmulatorFaultOptions options)
    {
        foreach (var (action, rate) in options.ErrorRates) SetErrorRate(action, rate);
        AddedLatency = options.AddedLatency;
        foreach (var (action, latency) in options.ActionLatency) SetLatency(action, latency);
        foreach (var zone in options.DownZones) TakeZoneDown(zone);
        foreach (var pair in options.StockOuts)
            if (pair.Split('/') is [var zone, var type]) StockOut(zone, type);
    }

    /// <summary>Delay added before every answer (all actions).</summary>
    public TimeSpan AddedLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Delay added before answering <paramref name="action"/>, on top of <see cref="AddedLatency"/>; zero removes it.</summary>
    public void SetLatency(string action, TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        if (latency == TimeSpan.Zero) _actionLatency.TryRemove(action, out _);
        else _actionLatency[action] = latency;
    }

    /// <summary>What a call to <paramref name="action"/> waits before it is answered.</summary>
    public TimeSpan LatencyOf(string action) => AddedLatency + _actionLatency.GetValueOrDefault(action);

    /// <summary>A share (0–1) of calls to <paramref name="action"/> fail with the given error; 0 removes it.</summary>
    public void SetErrorRate(string action, double rate, string code = "ServiceUnavailable", int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        if (rate == 0) _errorRates.TryRemove(action, out _);
        else _errorRates[action] = (rate, code, status);
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="action"/> answer this error.</summary>
    public void FailNext(string action, string code, int status, int times = 1) =>
        Enqueue(action, new ScriptedFault(code, status, Drop: false), times);

    /// <summary>The next calls to <paramref name="action"/> have their connection aborted with no answer.</summary>
    public void DropNext(string action, int times = 1) => Enqueue(action, new ScriptedFault("", 0, Drop: true), times);

    public void TakeZoneDown(string zoneId) => _downZones[zoneId] = 0;
    public void BringZoneUp(string zoneId) => _downZones.TryRemove(zoneId, out _);
    public bool IsZoneDown(string zoneId) => _downZones.ContainsKey(zoneId);

    /// <summary>The type reports no stock in the zone (and RunInstances gets NoStock) until restocked.</summary>
    public void StockOut(string zoneId, string instanceType) => _stockOuts[(zoneId, instanceType)] = 0;
    public void Restock(string zoneId, string instanceType) => _stockOuts.TryRemove((zoneId, instanceType), out _);
    public bool IsStockedOut(string zoneId, string instanceType) => _stockOuts.ContainsKey((zoneId, instanceType));

    public void Clear()
    {
        _errorRates.Clear();
        _scripted.Clear();
        _downZones.Clear();
        _stockOuts.Clear();
        _actionLatency.Clear();
        AddedLatency = TimeSpan.Zero;
    }

    internal ScriptedFault? Next(string action, Random dice)
    {
        if (_scripted.TryGetValue(action, out var queue) && queue.TryDequeue(out var scripted)) return scripted;
        if (_errorRates.TryGetValue(action, out var e))
        {
            double roll;
            lock (dice) roll = dice.NextDouble();
            if (roll < e.Rate) return new ScriptedFault(e.Code, e.Status, Drop: false);
        }
        return null;
    }

    private void Enqueue(string action, ScriptedFault fault, int times)
    {
        var queue = _scripted.GetOrAdd(action, _ => new ConcurrentQueue<ScriptedFault>());
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }

    internal sealed record ScriptedFault(string Code, int Status, bool Drop);
}

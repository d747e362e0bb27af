using System.Diagnostics.Metrics;

namespace CapacityConsole.Web.Hubs;

/// <summary>
/// What on-call can read of the live stream at /metrics: how old each state is when it leaves for its
/// viewers (the publisher's transaction and the pacing wait: the part of a viewer's delay before the
/// fan-out), how many writes the sends made, and how many viewers were cut off as too slow.
/// </summary>
internal sealed class LiveFanOutInstruments : IDisposable
{
    public const string MeterName = "CapacityConsole.Live";

    private readonly Meter _meter;
    private readonly Histogram<double> _age;
    private readonly Counter<long> _writes;

    public LiveFanOutInstruments(IMeterFactory meters, ConsoleHubLifetimeManager viewers)
    {
        _meter = meters.Create(MeterName);
        _age = _meter.CreateHistogram<double>("capacity.live.update.age", unit: "s",
            description: "How old a live update (a request's or zone's latest state) is when it is sent to its viewers.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2.5, 5] });
        _writes = _meter.CreateCounter<long>("capacity.live.writes", unit: "{write}",
            description: "Writes to live viewers (one per viewer and send, however many updates it carries).");
        _meter.CreateObservableCounter("capacity.live.viewers.disconnected_slow", () => viewers.DisconnectedAsSlow, unit: "{viewer}",
            description: "Live viewers disconnected because a write to them waited past Live:SlowViewerTimeout.");
    }

    /// <summary>An update of this kind (the hub method it goes out as) leaves for its viewers this long after it was made.</summary>
    public void Sending(string kind, TimeSpan age) => _age.Record(Math.Max(0, age.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    public void Wrote(int writes) => _writes.Add(writes);

    public void Dispose() => _meter.Dispose();
}

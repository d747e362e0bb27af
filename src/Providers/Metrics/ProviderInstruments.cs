using System.Diagnostics.Metrics;

namespace CapacityConsole.Providers.Metrics;

/// <summary>
/// The provider port's instruments (meter "CapacityConsole.Providers"), fed by
/// <see cref="MeteredCapacityProvider"/> around every adapter. In Prometheus they read
/// capacity_provider_calls_total{provider,action,outcome}, capacity_provider_call_duration_seconds,
/// capacity_batches_sent_total{provider} and capacity_batches_retried_total{provider}.
/// </summary>
public sealed class ProviderInstruments : IDisposable
{
    public const string MeterName = "CapacityConsole.Providers";

    private readonly Meter _meter;

    public ProviderInstruments(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Calls = _meter.CreateCounter<long>("capacity.provider.calls", description: "Provider port calls by action and outcome.");
        Duration = _meter.CreateHistogram<double>("capacity.provider.call.duration", unit: "s", description: "Provider port call latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        BatchesSent = _meter.CreateCounter<long>("capacity.batches.sent", description: "Provisioning batches sent to a provider (first attempts).");
        BatchesRetried = _meter.CreateCounter<long>("capacity.batches.retried", description: "Provisioning batches sent again with the same idempotency key.");
    }

    public Counter<long> Calls { get; }
    public Histogram<double> Duration { get; }
    public Counter<long> BatchesSent { get; }
    public Counter<long> BatchesRetried { get; }

    public void Dispose() => _meter.Dispose();
}

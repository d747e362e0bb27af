namespace CapacityConsole.Web.Tests.Metrics;

/// <summary>
/// Test classes that read the console's own instruments from <c>/metrics</c> run alone, after the
/// parallel ones. Every in-memory console in this process has its own OpenTelemetry provider, but a
/// provider listens to meters by name, so it also sees the same-named meters of the other consoles
/// started after it; when one of those is disposed, the SDK retires the shared metric stream and this
/// console's gauges vanish from its scrape (open-telemetry/opentelemetry-dotnet#6412; reproduced here
/// with two consoles: the gauges were gone from the first one's scrape once the second was disposed).
/// A production process runs one console, so this is the test process's shape, not the console's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsScrapeCollection
{
    public const string Name = "Metrics scrapes";
}

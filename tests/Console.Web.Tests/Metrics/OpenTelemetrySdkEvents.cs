using System.Diagnostics.Tracing;
using System.Text;

namespace CapacityConsole.Web.Tests.Metrics;

/// <summary>The OpenTelemetry SDK's warnings and errors while a test runs (it reports them only on its EventSources).</summary>
internal sealed class OpenTelemetrySdkEvents : EventListener
{
    private readonly StringBuilder _text = new();

    public string Text { get { lock (_text) return _text.ToString(); } }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name.StartsWith("OpenTelemetry", StringComparison.Ordinal))
            EnableEvents(source, EventLevel.Warning);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_text)
            _text.Append(e.EventSource.Name).Append(' ').Append(e.EventName).Append(": ")
                .AppendJoin(" | ", e.Payload ?? []).Append('\n');
    }
}

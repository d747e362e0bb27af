using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CapacityConsole.Web.Components.Shared.Charts;

/// <summary>
/// A time-scaled line chart drawn by Chart.js in the browser (see README, "Charts"). The legend and
/// the list of marks are plain markup rendered here, so they are readable, testable and the same on
/// every chart; the canvas gets the model as a plain payload and redraws in place when it changes.
/// </summary>
public partial class TimeChart
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public TimeChartModel Model { get; set; } = default!;
    [Parameter] public int Height { get; set; } = 240;
    [Parameter] public string TestId { get; set; } = "time-chart";
    [Parameter] public string EmptyText { get; set; } = "No data in this time range yet.";

    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private TimeChartModel? _drawn;
    private string? _drawnOn; // the canvas the chart lives on: a render can replace it (no data, then data again)

    private string AriaLabel => $"{string.Join(", ", Model.Lines.Select(l => l.Name))} from {Format.Time(Model.From)} to {Format.Time(Model.To)}";

    // One draw at a time: a render while create() is still on its way to the browser would otherwise
    // create a second chart on the same canvas (seen under load: the JS error ended the circuit, and
    // the page stopped updating). The draw in progress picks up the newest model when it is done.
    private bool _drawing;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_drawing) return;
        _drawing = true;
        try
        {
            while (true)
            {
                var model = Model;
                if (!model.HasData)
                {
                    await DestroyAsync();
                    return;
                }
                if (_chart is not null && _drawnOn != _canvas.Id) await DestroyAsync();
                if (ReferenceEquals(_drawn, model) && _chart is not null) return;
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./charts/time-chart.js");
                var payload = ChartPayload.Of(model);
                if (_chart is null)
                {
                    var canvas = _canvas;
                    _chart = await _module.InvokeAsync<IJSObjectReference>("create", canvas, payload);
                    _drawnOn = canvas.Id;
                }
                else await _chart.InvokeVoidAsync("update", payload);
                _drawn = model;
            }
        }
        finally { _drawing = false; }
    }

    private async Task DestroyAsync()
    {
        if (_chart is null) return;
        try { await _chart.InvokeVoidAsync("destroy"); }
        catch (JSDisconnectedException) { /* the circuit is gone, and the canvas with it */ }
        await _chart.DisposeAsync();
        _chart = null;
        _drawn = null;
        _drawnOn = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DestroyAsync();
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException) { /* the page was closed: nothing left to free in the browser */ }
        GC.SuppressFinalize(this);
    }
}

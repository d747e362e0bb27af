using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// One dashboard without a browser: a real Blazor Server circuit opened the way blazor.web.js (.NET 10)
/// opens it. GET the page signed in, read its prerendered component markers (&lt;!--Blazor:{...}--&gt;) and
/// persisted state, connect to /_blazor with the "blazorpack" protocol, StartCircuit, then
/// UpdateRootComponents adding each marker. Each render batch is acknowledged (OnRenderCompleted, or
/// the server stops sending after a few unacknowledged ones) and each JS interop call is answered as
/// done (EndInvokeJSFromDotNet), so the circuit runs as it would in a browser. The batches are not
/// applied to a DOM; they are only searched for the text this benchmark waits for.
/// </summary>
internal sealed partial class BlazorCircuit(Uri baseUrl, string cookieHeader, byte[] watchedPrefix) : IAsyncDisposable
{
    private readonly TaskCompletionSource _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? _hub;

    /// <summary>When each numbered change (the digits after <c>watchedPrefix</c> in a batch) first arrived.</summary>
    public ConcurrentDictionary<int, DateTimeOffset> Seen { get; } = new();
    public long Batches;
    public long JsCalls;
    public string? Error { get; private set; }
    public bool Closed { get; private set; }

    /// <summary>JS interop identifiers the circuit called, with their counts (LIVE_BENCH_JS=1 prints them).</summary>
    public static ConcurrentDictionary<string, int> JsIdentifiers { get; } = new(StringComparer.Ordinal);

    public async Task StartAsync(HttpClient http, string path, CancellationToken cancel)
    {
        var page = new Uri(baseUrl, path);
        var html = await http.GetStringAsync(page, cancel);
        // The start marker of each interactive root carries its descriptor; the end marker only its prerenderId.
        var markers = Marker().Matches(html).Select(m => m.Groups[1].Value).Where(json => json.Contains("\"descriptor\"", StringComparison.Ordinal)).ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive components (not signed in?)");
        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "_blazor"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Cookie"] = cookieHeader;
        });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = _hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(2); // a loaded machine may not send keep-alives on time

        hub.On<long, byte[]>("JS.RenderBatch", async (batchId, batch) =>
        {
            Interlocked.Increment(ref Batches);
            Note(batch);
            _firstRender.TrySetResult();
            await Quietly(() => hub.SendAsync("OnRenderCompleted", batchId, null));
        });
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType); handle 0 expects no answer.
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            Interlocked.Increment(ref JsCalls);
            var handle = (long)args[0]!;
            JsIdentifiers.AddOrUpdate((string)args[1]!, 1, (_, n) => n + 1);
            if (handle == 0) return;
            await Quietly(() => hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{Answer((string)args[1]!)}]"));
        });
        hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        hub.On<string>("JS.Error", message => { Error ??= "JS.Error: " + message; _firstRender.TrySetResult(); });
        hub.Closed += e =>
        {
            Closed = true;
            Error ??= "closed" + (e is null ? "" : ": " + e.Message);
            _firstRender.TrySetResult();
            return Task.CompletedTask;
        };

        await hub.StartAsync(cancel);
        // blazor.web.js starts the circuit with no components and adds the page's roots in a first batch of operations.
        var circuit = await hub.InvokeAsync<string?>("StartCircuit", baseUrl.ToString(), page.ToString(), "[]", "", cancel);
        if (string.IsNullOrEmpty(circuit)) throw new InvalidOperationException("StartCircuit was refused");
        var operations = JsonSerializer.Serialize(new
        {
            batchId = 1,
            operations = markers.Select((json, i) => new { type = "add", ssrComponentId = i + 1, marker = JsonDocument.Parse(json).RootElement }),
        });
        await hub.SendAsync("UpdateRootComponents", operations, state, cancel);
        await _firstRender.Task.WaitAsync(TimeSpan.FromMinutes(2), cancel);
        if (Error is not null) throw new InvalidOperationException(Error);
    }

    // A render batch holds its strings as UTF-8, so the watched text shows in its bytes.
    private void Note(byte[] batch)
    {
        var at = DateTimeOffset.UtcNow;
        var span = batch.AsSpan();
        for (var from = 0; span[from..].IndexOf(watchedPrefix) is var i and >= 0;)
        {
            var digits = from + i + watchedPrefix.Length;
            var n = 0;
            var any = false;
            while (digits < span.Length && span[digits] is >= (byte)'0' and <= (byte)'9' && n < 100_000_000) { n = n * 10 + (span[digits++] - '0'); any = true; }
            if (any) Seen.TryAdd(n, at);
            from = digits;
        }
    }

    // What a 1440×900 browser answers to the calls the dashboard makes that expect a value (found with
    // LIVE_BENCH_JS=1), so MudBlazor gets the shapes it reads; every other call is done with no value.
    private static string Answer(string identifier) => identifier switch
    {
        "mudResizeListener.getBrowserWindowSize" => "{\"height\":900,\"width\":1440}",
        "mudElementRef.getBoundingClientRect" => "{\"top\":0,\"left\":0,\"width\":1440,\"height\":64,\"windowHeight\":900,\"windowWidth\":1440,\"scrollX\":0,\"scrollY\":0}",
        "window.hasOwnProperty" => "true",
        "mudpopoverHelper.countProviders" => "1",
        _ => "null",
    };

    private async Task Quietly(Func<Task> send)
    {
        try { await send(); }
        catch (Exception e) when (e is not OutOfMemoryException) { Error ??= e.Message; }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();
}

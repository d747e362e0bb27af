using System.Collections.Concurrent;
using System.Diagnostics;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// Issue 15, point 1: N viewers of the live hub (one WebSocket each, JSON or MessagePack) all watching
/// the demo flash sale, one of its zones and a zone whose health is flipped 10 times a second, while
/// the flash sale's real provisioning run goes (its pre-warm brought forward by the clock hook).
/// Delay is measured from each message's server timestamp (At, moved back by the clock offset) to
/// its arrival here. Each viewer is a <see cref="RawHubViewer"/> (the hub protocol on a bare
/// WebSocket), so the load client takes as little as it can of the cores the console shares.
/// </summary>
internal sealed class HubViewers(int viewers, bool messagePack, TimeSpan drive, string[] consoleSettings)
{
    private const string FlippedZone = "sh-3";
    private const string WatchedZone = "bj-1";
    /// <summary>The reason of the last change, after the driving: every viewer must get it.</summary>
    public const string FinalReason = "bench final";
    private const int WarmUpFlips = 30;
    private static readonly TimeSpan JitQuietWindow = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan JitQuiet = TimeSpan.FromMilliseconds(30); // 1% of a core over the window
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(120);
    private const int WarmUpBurstCores = 256;
    private const int MaxFlipsInFlight = 4;
    private static readonly TimeSpan FlipEvery = TimeSpan.FromMilliseconds(100);

    private readonly DelayHistogram _delays = new();
    private readonly DelayHistogram _zoneChangeDelays = new();
    private readonly DelayHistogram _otherDelays = new(); // the request's progress and the zones' capacity samples
    private readonly ConcurrentBag<RawHubViewer> _connected = [];
    private readonly ConcurrentDictionary<long, Spread> _spreads = new(); // per zone change, by its server time
    private long _receipts;
    private volatile bool _measuring;
    private TimeSpan _offset;
    private int _gotFinal;
    private int _closed;

    private sealed class Spread { public long First = long.MaxValue; public long Last; public int Count; public long FirstDelayMs = long.MaxValue; }

    public async Task<Figures> RunAsync()
    {
        await using var console = await ConsoleUnderTest.StartAsync(consoleSettings);
        if (consoleSettings.Length > 0) Console.WriteLine($"  console settings: {string.Join(' ', consoleSettings)}");
        var flashSale = await console.FlashSaleAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // let start-up jobs settle before the baseline
        var rssBefore = console.Rss;
        var connectWatch = Stopwatch.StartNew();
        using var pinging = new CancellationTokenSource();
        var pinger = PingAsync(pinging.Token);
        var connections = await ConnectAllAsync(console, flashSale);
        connectWatch.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssConnected = console.Rss;
        var held = connections.Count;
        Console.WriteLine($"  {held:N0} of {viewers:N0} connected in {connectWatch.Elapsed.TotalSeconds:0.0} s; console RSS {Mb(rssBefore)} -> {Mb(rssConnected)}");
        var warmUp = await WarmUpAsync(console);
        Console.WriteLine($"  warm-up: a {WarmUpBurstCores}-core emergency burst ({warmUp.BurstState}) and {warmUp.Flips} zone changes in {warmUp.Took.TotalSeconds:0} s, until the console's JIT went quiet ({warmUp.Jitting.TotalMilliseconds:0} ms of JIT in its last {JitQuietWindow.TotalSeconds:0} s)");

        var scrapedBefore = await console.ScrapeAsync();
        var cpuBefore = console.CpuTime;
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clientPausedBefore = GC.GetTotalPauseDuration();
        var window = Stopwatch.StartNew();
        _measuring = true;
        await console.AdvanceClockAsync(9); // the flash sale's pre-warm (8 minutes after start) becomes due now
        _offset = console.ClockOffset;
        var peak = 0L;
        var sampler = Task.Run(async () =>
        {
            var last = 0L;
            while (_measuring)
            {
                await Task.Delay(1000);
                var now = Interlocked.Read(ref _receipts);
                peak = Math.Max(peak, now - last);
                last = now;
            }
        });
        var (flips, skipped) = await FlipOnScheduleAsync(console, drive);
        await console.SetZoneHealthAsync(FlippedZone, "Healthy", $"{FinalReason} {Guid.NewGuid():N}");
        var finalWait = Stopwatch.StartNew();
        while (Volatile.Read(ref _gotFinal) < held - Volatile.Read(ref _closed) && finalWait.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        window.Stop();
        var cpu = console.CpuTime - cpuBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
        var clientPaused = GC.GetTotalPauseDuration() - clientPausedBefore;
        _measuring = false;
        await sampler;
        var state = await console.RequestStateAsync(flashSale);
        var scraped = await console.ScrapeAsync() - scrapedBefore;
        var rssEnd = console.Rss;

        var stillConnected = connections.Count(c => !c.Closed);
        var dropped = viewers - Math.Min(stillConnected, Volatile.Read(ref _gotFinal));
        var complete = _spreads.Values.Where(s => s.Count > held / 2).ToList();
        var spreads = complete.Select(s => (s.Last - s.First) / (double)Stopwatch.Frequency * 1000).Order().ToList();
        var firsts = complete.Select(s => (double)s.FirstDelayMs).Order().ToList();
        var figures = new Figures(viewers, messagePack ? "MessagePack" : "JSON", stillConnected, dropped, _delays.Percentile(0.50), _delays.Percentile(0.95),
            _delays.Percentile(0.99), Interlocked.Read(ref _receipts) / window.Elapsed.TotalSeconds, peak, cpu.TotalSeconds / window.Elapsed.TotalSeconds,
            Interlocked.Read(ref _receipts) == 0 ? 0 : cpu.TotalSeconds * 1e6 / Interlocked.Read(ref _receipts),
            (rssConnected - rssBefore) / (double)viewers, rssEnd, flips + 1, spreads.Count == 0 ? 0 : spreads[spreads.Count / 2],
            firsts.Count == 0 ? 0 : firsts[firsts.Count / 2], clientCpu.TotalSeconds / window.Elapsed.TotalSeconds, scraped, state,
            File.ReadAllText("/proc/loadavg").Trim());
        Console.WriteLine($"  flash sale {state}; {flips + 1} zone changes ({skipped} ticks skipped with {MaxFlipsInFlight} calls waiting) in {window.Elapsed.TotalSeconds:0.0} s; console CPU {cpu.TotalSeconds:0.0} s; RSS at end {Mb(rssEnd)}; " +
            $"{scraped.Collections} collections ({scraped.Gen2} gen2) paused it {scraped.Paused.TotalMilliseconds:0} ms, {Mb(scraped.AllocatedBytes)} allocated; " +
            $"the load client's collections paused it {clientPaused.TotalMilliseconds:0} ms");
        Console.WriteLine($"  {scraped.Writes:N0} writes to viewers ({scraped.Writes / window.Elapsed.TotalSeconds / viewers:0.0} per viewer per second); console JIT in the window {scraped.Jitting.TotalMilliseconds:0} ms");
        Console.WriteLine($"  delay of zone changes p50 {_zoneChangeDelays.Percentile(0.5)} / p99 {_zoneChangeDelays.Percentile(0.99)} ms ({_zoneChangeDelays.Count:N0} receipts); " +
            $"of the request's progress and capacity samples p50 {_otherDelays.Percentile(0.5)} / p99 {_otherDelays.Percentile(0.99)} ms ({_otherDelays.Count:N0} receipts)");
        foreach (var kind in scraped.Kinds)
            Console.WriteLine($"  {kind}: {scraped.Sent(kind):N0} sent, age when sent p50 {scraped.UpdateAgeMs(0.5, kind):0} ms, p99 {scraped.UpdateAgeMs(0.99, kind):0} ms");
        await pinging.CancelAsync();
        await pinger;
        foreach (var connection in connections) connection.Dispose();
        return figures;
    }

    /// <summary>
    /// Warm-up, not measured: an emergency burst's provisioning run (<see cref="WarmUpBurstCores"/> cores,
    /// to Active) and flips until the console's JIT has gone quiet (its own
    /// <c>dotnet_jit_compilation_time_seconds_total</c> grew less than <see cref="JitQuiet"/> in the last
    /// <see cref="JitQuietWindow"/>), at least <see cref="WarmUpFlips"/>. A fresh console spends a fifth of
    /// its CPU re-compiling its hot paths (tiered JIT, measured with perf) for ~20 s after it first has
    /// 10,000 viewers, and 3–11 s compiling the provisioning run when the first pre-warm goes; a console
    /// that has been up while viewers watched, and has provisioned before, has done both.
    /// </summary>
    private static async Task<(int Flips, TimeSpan Took, TimeSpan Jitting, string BurstState)> WarmUpAsync(ConsoleUnderTest console)
    {
        var took = Stopwatch.StartNew();
        var burst = await console.StartBurstAsync("live-room-gateway", WarmUpBurstCores, "cn-beijing", "Live-room burst");
        var (flips, jitAtWindowStart, windowStart) = (0, (await console.ScrapeAsync()).Jitting, Stopwatch.GetTimestamp());
        while (true)
        {
            await console.SetZoneHealthAsync(FlippedZone, flips % 2 == 0 ? "Degraded" : "Healthy", $"bench warm-up {flips}");
            flips++;
            await Task.Delay(FlipEvery);
            if (Stopwatch.GetElapsedTime(windowStart) < JitQuietWindow) continue;
            var jitting = (await console.ScrapeAsync()).Jitting;
            var burstState = await console.RequestStateAsync(burst);
            if ((jitting - jitAtWindowStart < JitQuiet && flips >= WarmUpFlips && burstState == "Active") || took.Elapsed > MaxWarmUp)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                return (flips, took.Elapsed, jitting - jitAtWindowStart, burstState);
            }
            (jitAtWindowStart, windowStart) = (jitting, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>
    /// Open loop: a flip every <see cref="FlipEvery"/> by the clock, however long the console takes to
    /// answer. A loop that waited for each answer before the next flip would send fewer changes exactly
    /// when the console lags (at 10,000 viewers it flipped every ~200 ms instead of 100), so the load
    /// would depend on what it measures. At most <see cref="MaxFlipsInFlight"/> calls wait at once; a
    /// tick that finds them all waiting is skipped and counted.
    /// </summary>
    private static async Task<(int Sent, int Skipped)> FlipOnScheduleAsync(ConsoleUnderTest console, TimeSpan drive)
    {
        var calls = new List<Task>();
        var waiting = new SemaphoreSlim(MaxFlipsInFlight);
        var (sent, skipped) = (0, 0);
        using var ticks = new PeriodicTimer(FlipEvery);
        var driving = Stopwatch.StartNew();
        while (driving.Elapsed < drive && await ticks.WaitForNextTickAsync())
        {
            if (!waiting.Wait(0))
            {
                skipped++;
                continue;
            }
            var flip = sent++;
            calls.Add(Task.Run(async () =>
            {
                try { await console.SetZoneHealthAsync(FlippedZone, flip % 2 == 0 ? "Degraded" : "Healthy", $"bench flip {flip}"); }
                finally { waiting.Release(); }
            }));
        }
        await Task.WhenAll(calls);
        return (sent, skipped);
    }

    private async Task<List<RawHubViewer>> ConnectAllAsync(ConsoleUnderTest console, Guid flashSale)
    {
        var cookie = console.CookieHeader;
        var hub = new Uri(console.BaseUrl, "/hubs/console");
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, viewers), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, ct) =>
        {
            try
            {
                var viewer = await RawHubViewer.ConnectAsync(hub, cookie, messagePack,
                    [("SubscribeRequest", flashSale), ("SubscribeZone", FlippedZone), ("SubscribeZone", WatchedZone)], Received,
                    () => Interlocked.Increment(ref _closed), ct);
                _connected.Add(viewer);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failures) <= 3) Console.WriteLine($"  connect failed: {e.GetBaseException().Message}");
            }
        });
        return [.. _connected];
    }

    // The hub times out a client it has not heard from for 30 s; connecting 10,000 viewers takes longer.
    private async Task PingAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                await Parallel.ForEachAsync(_connected.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (v, _) =>
                {
                    try { await v.PingAsync(); }
                    catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException) { /* counted as closed by its reader */ }
                });
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Received(Receipt receipt)
    {
        if (!_measuring) return;
        var arrived = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _receipts);
        var delay = (arrived - (receipt.At - _offset)).TotalMilliseconds;
        _delays.Add(delay);
        (receipt.ZoneChange ? _zoneChangeDelays : _otherDelays).Add(delay);
        if (!receipt.ZoneChange) return;
        var now = Stopwatch.GetTimestamp();
        var spread = _spreads.GetOrAdd(receipt.At.UtcTicks, _ => new Spread());
        InterlockedMin(ref spread.First, now);
        InterlockedMin(ref spread.FirstDelayMs, (long)delay);
        InterlockedMax(ref spread.Last, now);
        Interlocked.Increment(ref spread.Count);
        if (receipt.Final) Interlocked.Increment(ref _gotFinal);
    }

    private static void InterlockedMin(ref long target, long value)
    {
        for (var seen = Volatile.Read(ref target); value < seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0} MiB";

    public sealed record Figures(int Viewers, string Protocol, int Held, int Dropped, int P50, int P95, int P99, double ReceiptsPerSecond,
        long PeakReceiptsPerSecond, double ConsoleCores, double ConsoleMicrosecondsPerReceipt, double BytesPerViewer, long RssEnd, int ZoneChanges, double MedianFanOutSpreadMs,
        double MedianFirstViewerDelayMs, double ClientCores, ConsoleUnderTest.Scraped Scraped,
        string FlashSaleState, string LoadAverage);
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// Issue 15, point 2 at the size a browser cannot reach on this machine: N live dashboards ("/"), each
/// a real Blazor Server circuit spoken to directly (<see cref="BlazorCircuit"/>, no Chromium), while a
/// zone's health reason changes once a second through the API. Reports the console's memory per
/// circuit (RSS growth while the N opened ÷ N), the delay from each change's server timestamp to the
/// render batch carrying the new reason reaching each circuit, circuits held and updates missed, and
/// the CPU of the console and of this load client.
/// </summary>
internal sealed class Circuits(int circuits, TimeSpan drive)
{
    private const string Zone = "sh-3";
    private const string Prefix = "circuit change ";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public sealed record Figures(int Circuits, int Opened, int Held, int Changes, long Seen, long Skipped, long Missed, int P50, int P95, int P99, int Max,
        double BytesPerCircuit, double ConsoleCores, double ClientCores, double OpenSeconds, string LoadAverage)
    {
        /// <summary>Console CPU with the circuits open and nothing changing.</summary>
        public double IdleCores { get; init; }
        /// <summary>Console CPU above idle per zone change (the reloads and renders of every circuit), and per circuit.</summary>
        public TimeSpan CpuPerChange { get; init; }
        /// <summary>Median time the zone-health API call took (the console's responsiveness meanwhile).</summary>
        public double ApiP50Ms { get; init; }
    }

    public async Task<Figures> RunAsync()
    {
        await using var console = await ConsoleUnderTest.StartAsync("--Demo:FlashSale=false");
        var prefix = BlazorCircuit.Utf8(Prefix);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20)); // the run must end, whatever happens

        // One circuit first, not counted: the first warms the console's caches and JIT.
        var warmUp = new BlazorCircuit(console.BaseUrl, console.CookieHeader, prefix);
        await warmUp.StartAsync(console.Http, "/", cancel.Token);
        Console.WriteLine($"  warm-up circuit: {warmUp.Batches} render batches, {warmUp.JsCalls} JS calls answered");
        await Task.Delay(TimeSpan.FromSeconds(3), cancel.Token);
        var rssBefore = console.Rss;

        var open = new List<BlazorCircuit>();
        var failures = new List<string>();
        var openWatch = Stopwatch.StartNew();
        // A few at a time, as people arrive: the page renders are bounded on the console anyway (Pages:MaxConcurrentRenders).
        using (var gate = new SemaphoreSlim(8))
        {
            var starts = Enumerable.Range(0, circuits).Select(async _ =>
            {
                await gate.WaitAsync(cancel.Token);
                var circuit = new BlazorCircuit(console.BaseUrl, console.CookieHeader, prefix);
                try
                {
                    await circuit.StartAsync(console.Http, "/", cancel.Token);
                    lock (open) open.Add(circuit);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    lock (failures) failures.Add(e.Message);
                    await circuit.DisposeAsync();
                }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(starts);
        }
        openWatch.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3), cancel.Token);
        var rssOpen = console.Rss;
        Console.WriteLine($"  {open.Count} of {circuits} circuits open in {openWatch.Elapsed.TotalSeconds:0.0} s; console RSS {rssBefore / 1048576} -> {rssOpen / 1048576} MiB");
        foreach (var failure in failures.GroupBy(f => f).Take(5)) Console.WriteLine($"  failed to open ({failure.Count()}): {failure.Key}");

        // The console's own background work (jobs, sampler, keep-alives of N circuits), to tell apart from what changes cost.
        var idleCpuBefore = console.CpuTime;
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5), cancel.Token);
        var idleBefore = (console.CpuTime - idleCpuBefore) / idleWatch.Elapsed;

        var changedAt = new List<DateTimeOffset>();
        var apiMs = new List<double>();
        var cpuBefore = console.CpuTime;
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var window = Stopwatch.StartNew();
        for (var end = DateTime.UtcNow + drive; DateTime.UtcNow < end;)
        {
            var tick = Task.Delay(TimeSpan.FromSeconds(1), cancel.Token);
            var call = Stopwatch.StartNew();
            changedAt.Add(await SetDegradedAsync(console, $"{Prefix}{changedAt.Count} (benchmark)"));
            apiMs.Add(call.Elapsed.TotalMilliseconds);
            await tick;
        }
        // Every circuit has until Patience after the last change to show it.
        var waitEnd = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < waitEnd && open.Any(c => !c.Closed && !c.Seen.ContainsKey(changedAt.Count - 1))) await Task.Delay(200, cancel.Token);
        window.Stop();
        var cpu = console.CpuTime - cpuBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
        // Idle again after the changes (start-up work may have still been running before them): the lower of the two.
        var idleCpuAfter = console.CpuTime;
        idleWatch.Restart();
        await Task.Delay(TimeSpan.FromSeconds(5), cancel.Token);
        var idleCores = Math.Min(idleBefore, (console.CpuTime - idleCpuAfter) / idleWatch.Elapsed);
        await console.SetZoneHealthAsync(Zone, "Healthy", "benchmark done");

        // A change has reached a circuit once it shows that reason or a later one: a page reloads at most once per
        // Live:PageRefreshInterval and then shows the latest, so a change overtaken by the next may never be drawn
        // itself (counted as skipped, not missed). Missed = the circuit never showed it or anything newer.
        var delays = new DelayHistogram();
        long seen = 0, missed = 0, skipped = 0;
        var max = 0.0;
        foreach (var circuit in open)
        {
            DateTimeOffset? reached = null;
            for (var change = changedAt.Count - 1; change >= 0; change--)
            {
                if (circuit.Seen.TryGetValue(change, out var at)) reached = reached is { } later && later < at ? later : at;
                else if (reached is not null) skipped++;
                if (reached is not { } shown) { missed++; continue; }
                var ms = (shown - changedAt[change]).TotalMilliseconds;
                delays.Add(ms);
                max = Math.Max(max, ms);
                seen++;
            }
        }
        var held = open.Count(c => !c.Closed && c.Error is null);
        foreach (var error in open.Where(c => c.Error is not null).GroupBy(c => c.Error).Take(5)) Console.WriteLine($"  circuit error ({error.Count()}): {error.Key}");
        if (Environment.GetEnvironmentVariable("LIVE_BENCH_JS") == "1")
            foreach (var (identifier, count) in BlazorCircuit.JsIdentifiers.OrderByDescending(p => p.Value)) Console.WriteLine($"  JS call {identifier}: {count}");
        Console.WriteLine($"  render batches per circuit: {open.Select(c => Interlocked.Read(ref c.Batches)).DefaultIfEmpty().Average():0.0}; JS calls answered per circuit: {open.Select(c => Interlocked.Read(ref c.JsCalls)).DefaultIfEmpty().Average():0.0}");

        apiMs.Sort();
        var perChange = changedAt.Count == 0 ? TimeSpan.Zero : (cpu - idleCores * window.Elapsed) / changedAt.Count;
        var figures = new Figures(circuits, open.Count, held, changedAt.Count, seen, skipped, missed, delays.Percentile(0.5), delays.Percentile(0.95), delays.Percentile(0.99),
            (int)Math.Round(max), open.Count == 0 ? 0 : (rssOpen - rssBefore) / (double)open.Count, cpu / window.Elapsed, clientCpu / window.Elapsed,
            openWatch.Elapsed.TotalSeconds, File.ReadAllText("/proc/loadavg").Trim())
        {
            IdleCores = idleCores,
            CpuPerChange = perChange,
            ApiP50Ms = apiMs.Count == 0 ? 0 : apiMs[apiMs.Count / 2],
        };
        await Task.WhenAll(open.Append(warmUp).Select(c => c.DisposeAsync().AsTask()));
        return figures;
    }

    private static async Task<DateTimeOffset> SetDegradedAsync(ConsoleUnderTest console, string reason)
    {
        var response = await console.Http.PutAsJsonAsync($"/api/v1/zones/{Zone}/health", new { health = "Degraded", reason });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return DateTimeOffset.Parse(body.RootElement.GetProperty("changedAt").GetString()!, CultureInfo.InvariantCulture);
    }

    public static void Print(IEnumerable<Figures> results)
    {
        Console.WriteLine();
        Console.WriteLine("| circuits | opened | held | changes | updates reached | skipped | missed | p50 | p95 | p99 | max | console memory / circuit | console CPU (idle) | console CPU / change (/ circuit) | zone API p50 | load client CPU | open time | load average after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var f in results)
            Console.WriteLine($"| {f.Circuits:N0} | {f.Opened:N0} | {f.Held:N0} | {f.Changes} | {f.Seen:N0} | {f.Skipped:N0} | {f.Missed:N0} | {f.P50:N0} ms | {f.P95:N0} ms | {f.P99:N0} ms | {f.Max:N0} ms | " +
                $"{f.BytesPerCircuit / 1024:N0} KiB | {f.ConsoleCores:0.00} cores ({f.IdleCores:0.00}) | {f.CpuPerChange.TotalMilliseconds:N0} ms ({f.CpuPerChange.TotalMilliseconds / Math.Max(1, f.Opened):0.00} ms) | " +
                $"{f.ApiP50Ms:N0} ms | {f.ClientCores:0.00} cores | {f.OpenSeconds:0.0} s | {f.LoadAverage} |");
    }
}

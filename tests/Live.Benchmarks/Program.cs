using System.Globalization;
using CapacityConsole.Live.Benchmarks;

// dotnet run -c Release --project tests/Live.Benchmarks -- hub [N,N,...] [json|msgpack|both] [drive-seconds] [--Console:Setting=value ...]
// dotnet run -c Release --project tests/Live.Benchmarks -- dashboards [N] [drive-seconds]
// dotnet run -c Release --project tests/Live.Benchmarks -- circuits [N,N,...] [drive-seconds]
// hub:        N live-hub viewers (default 1000,3000,10000; both protocols) against a console process running the
//             demo flash sale's provisioning and a zone flipped 10×/s; held, dropped, delay percentiles, receipts/s,
//             console CPU and memory per viewer. Goal: 10,000 held, p99 < 250 ms, 0 dropped. Trailing --Key=Value
//             arguments are the console's settings (one build, variants run interleaved).
// dashboards: N Blazor dashboards in headless Chromium (/usr/bin/chromium), memory per circuit and update delay;
//             plus the HTML size of /, /oncall and /capacity.
// circuits:   N Blazor dashboards as circuits spoken to directly (no browser): memory per circuit, update delay,
//             held/missed, CPU. Goal: 500 live dashboards.
// See docs/benchmarks.md.
var consoleSettings = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
args = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
var mode = args.Length > 0 ? args[0] : "hub";
LoadClientSockets.CompleteInline();
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
switch (mode)
{
    case "hub":
    {
        var counts = (args.Length > 1 ? args[1] : "1000,3000,10000").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        var protocols = (args.Length > 2 ? args[2] : "both") switch { "json" => new[] { false }, "msgpack" => new[] { true }, _ => new[] { true, false } };
        var drive = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20);
        Console.WriteLine(FileLimit.Ensure(2 * counts.Max() + 2_000));
        var results = new List<HubViewers.Figures>();
        foreach (var n in counts)
            foreach (var messagePack in protocols)
            {
                Console.WriteLine($"{n:N0} viewers, {(messagePack ? "MessagePack" : "JSON")}:");
                results.Add(await new HubViewers(n, messagePack, drive, consoleSettings).RunAsync());
            }
        Console.WriteLine();
        Console.WriteLine("| viewers | protocol | held | dropped | p50 | p95 | p99 | receipts/s (peak) | console CPU | console CPU / receipt | load client CPU | console memory / viewer | update age at send p50 / p99 | first viewer p50 | fan-out spread p50 | console GC paused (gen2) | load average after |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var f in results)
            Console.WriteLine($"| {f.Viewers:N0} | {f.Protocol} | {f.Held:N0} | {f.Dropped:N0} | {f.P50} ms | {f.P95} ms | {f.P99} ms | {f.ReceiptsPerSecond:N0} ({f.PeakReceiptsPerSecond:N0}) | " +
                $"{f.ConsoleCores:0.00} cores | {f.ConsoleMicrosecondsPerReceipt:0.0} µs | {f.ClientCores:0.00} cores | {f.BytesPerViewer / 1024:0} KiB | {f.Scraped.UpdateAgeMs(0.5):0} / {f.Scraped.UpdateAgeMs(0.99):0} ms | {f.MedianFirstViewerDelayMs:0} ms | {f.MedianFanOutSpreadMs:0} ms | {f.Scraped.Paused.TotalMilliseconds:0} ms ({f.Scraped.Gen2}) | {f.LoadAverage} |");
        return results.All(f => f.Dropped == 0) ? 0 : 1;
    }
    case "dashboards":
    {
        var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var drive = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15);
        return await new Dashboards(pages, drive).RunAsync();
    }
    case "circuits":
    {
        var counts = (args.Length > 1 ? args[1] : "100,500").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        var drive = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
        Console.WriteLine(FileLimit.Ensure(2 * counts.Max() + 2_000));
        var results = new List<Circuits.Figures>();
        foreach (var n in counts)
        {
            Console.WriteLine($"{n:N0} circuits:");
            results.Add(await new Circuits(n, drive).RunAsync());
        }
        Circuits.Print(results);
        return results.All(f => f.Held == f.Circuits && f.Missed == 0) ? 0 : 1;
    }
    default:
        Console.Error.WriteLine("usage: Live.Benchmarks hub [N,N,...] [json|msgpack|both] [drive-seconds] [--Console:Setting=value ...] | dashboards [N] [drive-seconds] | circuits [N,N,...] [drive-seconds]");
        return 2;
}

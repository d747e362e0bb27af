using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CapacityConsole.Testing;

namespace CapacityConsole.Scale.Benchmarks;

/// <summary>
/// Issue 16's memory measurement, repeated: the console as its own process (its own build output
/// and runtimeconfig, so its GC settings apply) on a SQLite file holding 10× the measured tables,
/// then 50 concurrent clients fetching the heaviest pages for a while. Reports each page's latency
/// and size, and the console's resident memory, sampled and peak (VmHWM). Goal: peak under 1 GiB.
/// </summary>
public sealed partial class PageBurst
{
    private const string Password = "scale-benchmark-demo";
    private const int Clients = 50;
    private static readonly TimeSpan Burst = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("SCALE_BURST_SECONDS") ?? "30", CultureInfo.InvariantCulture));
    private const long GiB = 1L << 30;

    public async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cc-bench-pages-").FullName;
        Process? console = null;
        try
        {
            var filled = await FillAsync(folder);
            var started = ConsoleProcess.Start(folder, Password, ["--Demo:FlashSale=false"]);
            console = started.Process;
            var baseUrl = await started.WaitForAddressAsync();
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = Clients };
            using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
            await SignInAsync(http);
            string[] pages = ["/approvals", "/requests", $"/requests/{filled.HotRequest}", $"/budgets/{filled.HotBudget}", "/", "/oncall"];

            var idle = Rss(console.Id);
            Console.WriteLine($"console pid {console.Id} at {baseUrl}; RSS after start and sign-in {Mb(idle)}");
            Console.WriteLine();
            Console.WriteLine("one client, each page 10 times:");
            foreach (var page in pages)
                await Figures.MeasureAsync(page.Length > 40 ? page[..40] : page, 10, async () =>
                {
                    var html = await GetAsync(http, page);
                    return $"{html.Length / 1024.0:0.0} KB";
                });

            Console.WriteLine();
            Console.WriteLine($"{Clients} clients for {Burst.TotalSeconds:0} s over those pages:");
            var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            var peakSampled = 0L;
            using var stop = new CancellationTokenSource(Burst);
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peakSampled = Math.Max(peakSampled, Rss(console.Id));
                    try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var failures = 0;
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                for (var i = client; !stop.IsCancellationRequested; i++)
                {
                    var page = pages[i % pages.Length];
                    var watch = Stopwatch.StartNew();
                    try { await GetAsync(http, page); }
                    catch (Exception) when (!stop.IsCancellationRequested) { Interlocked.Increment(ref failures); continue; }
                    catch (Exception) { break; }
                    latencies.GetOrAdd(page, _ => []).Add(watch.Elapsed.TotalMilliseconds);
                }
            })));
            await sampler;
            foreach (var page in pages)
            {
                var times = latencies.GetValueOrDefault(page)?.Order().ToList() ?? [];
                if (times.Count == 0) continue;
                Console.WriteLine($"{(page.Length > 40 ? page[..40] : page),-42} {times.Count,6} requests  p50 {times[times.Count / 2],8:0} ms  p95 {times[(int)(times.Count * 0.95)],8:0} ms");
            }
            var peak = PeakRss(console.Id);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var after = Rss(console.Id);
            Console.WriteLine();
            Console.WriteLine($"failed requests      {failures}");
            Console.WriteLine($"RSS peak (VmHWM)     {Mb(peak)}  (sampled peak {Mb(peakSampled)}; goal < {Mb(GiB)})");
            Console.WriteLine($"RSS 5 s after burst  {Mb(after)}");
            return peak < GiB && failures == 0 ? 0 : 1;
        }
        finally
        {
            if (console is { HasExited: false }) { console.Kill(entireProcessTree: true); await console.WaitForExitAsync(); }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Migrates, seeds the demo and fills 10× the measured tables into the file the console will open.</summary>
    private static async Task<ScaleFilled> FillAsync(string folder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder, ["Demo:Enabled"] = "true", ["Demo:Password"] = Password });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSchedulerCore();
        using var host = builder.Build();
        await host.Services.GetRequiredService<StorageInitializer>().InitializeAsync();
        var shape = ScaleShape.Measured.Times(10);
        var filled = await ScaleFill.FillAsync(host.Services.GetRequiredService<Database>(), shape, DateTimeOffset.UtcNow);
        Console.WriteLine($"filled {shape.Requests:N0} requests ({shape.Waiting:N0} waiting), {shape.Resources:N0} resources, {shape.AuditEvents:N0} audit events");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return filled;
    }

    private static async Task SignInAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/signin");
        var token = Token().Match(page).Groups[1].Value;
        var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Input.UserName"] = "admin", ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
    }

    private static async Task<string> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
        return html;
    }

    private static long Rss(int pid) => Status(pid, "VmRSS:");
    private static long PeakRss(int pid) => Status(pid, "VmHWM:");

    /// <summary>A /proc/&lt;pid&gt;/status line in bytes (Linux; the figure issue 16 measured).</summary>
    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0} MiB";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

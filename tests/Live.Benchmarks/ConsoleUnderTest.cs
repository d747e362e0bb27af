using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CapacityConsole.Testing;

namespace CapacityConsole.Live.Benchmarks;

/// <summary>
/// The console as its own process on the embedded default (a fresh SQLite folder, the demo seed with
/// its flash sale, the test-only clock hook so the flash sale's pre-warm can be brought forward), and
/// an on-call user's HTTP session on it.
/// </summary>
internal sealed partial class ConsoleUnderTest : IAsyncDisposable
{
    public const string Password = "live-benchmark-demo";
    private readonly string _folder;
    private readonly Process _process;
    private readonly CookieContainer _cookies = new();

    private ConsoleUnderTest(string folder, Process process, Uri baseUrl)
    {
        _folder = folder;
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUrl { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;

    /// <summary>How far the console's clock was moved; the server's timestamps minus this are real time.</summary>
    public TimeSpan ClockOffset { get; private set; }

    public string CookieHeader => _cookies.GetCookieHeader(BaseUrl);

    public static async Task<ConsoleUnderTest> StartAsync(params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("cc-bench-live-").FullName;
        var process = ConsoleProcess.Start(folder, Password, new[] { "--Testing:ClockHook=true" }.Concat(extraArgs));
        var console = new ConsoleUnderTest(folder, process.Process, await process.WaitForAddressAsync());
        await console.SignInAsync("oncall");
        return console;
    }

    private async Task SignInAsync(string user)
    {
        var page = await Http.GetStringAsync("/signin");
        var token = Token().Match(page).Groups[1].Value;
        var response = await Http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Input.UserName"] = user, ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        using var antiforgery = JsonDocument.Parse(await Http.GetStringAsync("/auth/antiforgery"));
        Http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", antiforgery.RootElement.GetProperty("token").GetString());
    }

    /// <summary>The demo flash sale's id, once its start-up job has filed it.</summary>
    public async Task<Guid> FlashSaleAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            using var list = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/requests?pageSize=50"));
            foreach (var request in list.RootElement.EnumerateArray())
                if (request.GetProperty("justification").GetString()?.StartsWith("Demo flash sale", StringComparison.Ordinal) == true)
                    return request.GetProperty("id").GetGuid();
            await Task.Delay(500);
        }
        throw new InvalidOperationException("The demo flash sale was not filed within 2 minutes.");
    }

    /// <summary>
    /// An emergency burst (on-call may start one): filed, approved and pre-warmed at once, so a real
    /// provisioning run goes before the measured window, as one has in a console that has been up.
    /// </summary>
    public async Task<Guid> StartBurstAsync(string serviceId, int cores, string regionId, string budgetName)
    {
        using var budgets = JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/budgets?state=Approved&search={Uri.EscapeDataString(budgetName)}"));
        var budget = budgets.RootElement.EnumerateArray().First().GetProperty("id").GetGuid();
        var response = await Http.PostAsJsonAsync("/api/v1/emergency-bursts", new
        {
            serviceId, cores, regionId, duration = "02:00:00", budgetId = budget, reason = "benchmark warm-up: one provisioning run before the window",
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"burst: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var burst = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return burst.RootElement.GetProperty("id").GetGuid();
    }

    public async Task<string> RequestStateAsync(Guid id)
    {
        using var request = JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/requests/{id}"));
        return request.RootElement.GetProperty("state").GetString()!;
    }

    /// <summary>Moves the console's clock (the reconciler then enqueues what became due, e.g. the pre-warm).</summary>
    public async Task AdvanceClockAsync(int minutes)
    {
        var response = await Http.PostAsync($"/testing/clock/advance?minutes={minutes}", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        ClockOffset = TimeSpan.Parse(body.RootElement.GetProperty("offset").GetString()!, CultureInfo.InvariantCulture);
    }

    public async Task SetZoneHealthAsync(string zone, string health, string reason)
    {
        var response = await Http.PutAsJsonAsync($"/api/v1/zones/{zone}/health", new { health, reason });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"zone health: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public long Rss => Status("VmRSS:");

    /// <summary>The console's garbage collections so far, and how old its live updates were when sent, from its own /metrics.</summary>
    public async Task<Scraped> ScrapeAsync()
    {
        var metrics = (await Http.GetStringAsync("/metrics")).Split('\n');
        double Value(string name) => metrics.Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(LastNumber).FirstOrDefault();
        long Count(string generation) => (long)Value($"dotnet_gc_collections_total{{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"{generation}\"}}");
        // capacity_live_update_age_seconds_bucket{otel_scope_name="CapacityConsole.Live",kind="ZoneHealthChanged",le="0.05"} 1234
        var ages = metrics.Where(l => l.StartsWith("capacity_live_update_age_seconds_bucket{", StringComparison.Ordinal))
            .Select(l => (Kind: Kind().Match(l).Groups[1].Value, Le: Le().Match(l).Groups[1].Value, Count: (long)LastNumber(l)))
            .Select(b => new AgeBucket(b.Kind, b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Count))
            .ToList();
        return new(TimeSpan.FromSeconds(Value("dotnet_gc_pause_time_seconds_total")), Count("gen0") + Count("gen1") + Count("gen2"), Count("gen2"),
            (long)Value("dotnet_gc_heap_total_allocated_bytes_total"), TimeSpan.FromSeconds(Value("dotnet_jit_compilation_time_seconds_total")),
            (long)Value("capacity_live_writes_total"), ages);
    }

    private static double LastNumber(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>One cumulative bucket of the console's histogram of how old live updates of a kind were when sent.</summary>
    public readonly record struct AgeBucket(string Kind, double Bound, long Count);

    /// <summary>Counters of the console since it started; subtract two to get a window's.</summary>
    public sealed record Scraped(TimeSpan Paused, long Collections, long Gen2, long AllocatedBytes, TimeSpan Jitting, long Writes, IReadOnlyList<AgeBucket> UpdateAges)
    {
        public static Scraped operator -(Scraped after, Scraped before) =>
            new(after.Paused - before.Paused, after.Collections - before.Collections, after.Gen2 - before.Gen2, after.AllocatedBytes - before.AllocatedBytes,
                after.Jitting - before.Jitting, after.Writes - before.Writes,
                [.. after.UpdateAges.Select(a => a with { Count = a.Count - before.UpdateAges.FirstOrDefault(b => b.Kind == a.Kind && b.Bound == a.Bound).Count })]);

        public IEnumerable<string> Kinds => UpdateAges.Select(a => a.Kind).Distinct();

        /// <summary>How many updates of a kind were sent (the histogram's +Inf bucket).</summary>
        public long Sent(string kind) => UpdateAges.Where(a => a.Kind == kind && double.IsInfinity(a.Bound)).Sum(a => a.Count);

        /// <summary>A quantile, in ms, of the age at send of one kind's updates (all kinds: null), read off the cumulative buckets (linear within one).</summary>
        public double UpdateAgeMs(double quantile, string? kind = null)
        {
            var buckets = UpdateAges.Where(a => kind is null || a.Kind == kind).GroupBy(a => a.Bound).OrderBy(g => g.Key)
                .Select(g => (Bound: g.Key, Count: g.Sum(a => a.Count))).ToList();
            if (buckets.Count == 0 || buckets[^1].Count == 0) return 0;
            var target = quantile * buckets[^1].Count;
            var (lower, below) = (0.0, 0L);
            foreach (var (bound, count) in buckets)
            {
                if (count >= target)
                    return 1000 * (double.IsInfinity(bound) ? lower : lower + (bound - lower) * (target - below) / Math.Max(1, count - below));
                (lower, below) = (bound, count);
            }
            return 1000 * lower;
        }
    }

    /// <summary>User plus system CPU time the console has used so far (/proc/pid/stat).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
    }

    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try { Directory.Delete(_folder, recursive: true); return; }
            catch (IOException) { await Task.Delay(500); }
        }
    }

    [GeneratedRegex("le=\"([^\"]+)\"")]
    private static partial Regex Le();

    [GeneratedRegex("kind=\"([^\"]+)\"")]
    private static partial Regex Kind();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

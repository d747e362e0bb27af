using System.Diagnostics;
using System.Globalization;

namespace CapacityConsole.Scale.Benchmarks;

/// <summary>Times repeated runs of one operation and prints median, 95th percentile and worst.</summary>
public static class Figures
{
    public static async Task<TimeSpan> MeasureAsync(string name, int runs, Func<Task<string>> run, TimeSpan? target = null) =>
        (await MeasureWithPercentilesAsync(name, runs, run, target)).P95;

    public static async Task<(TimeSpan P50, TimeSpan P95)> MeasureWithPercentilesAsync(string name, int runs, Func<Task<string>> run, TimeSpan? target = null)
    {
        var note = await run(); // the first run warms the JIT and the connection pool, and is not counted
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            note = await run();
            times.Add(watch.Elapsed);
        }
        times.Sort();
        var p50 = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        var verdict = target is { } t ? (p95 <= t ? $"  ok (target p95 < {Ms(t)})" : $"  OVER the target of {Ms(t)}") : "";
        Console.WriteLine($"{name,-42} p50 {Ms(p50),9}  p95 {Ms(p95),9}  max {Ms(times[^1]),9}  ({runs} runs; {note}){verdict}");
        return (p50, p95);
    }

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}

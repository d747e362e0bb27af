using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// Issue 12: a real console process killed with SIGKILL in the middle of the demo flash sale's pre-warm,
/// restarted on the same data folder (embedded default), resumes and finishes with every unit the
/// emulated cloud holds recorded exactly once. The figures are printed for docs/reliability.md.
/// </summary>
public sealed class ConsoleKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cc-kill-").FullName;

    [Fact]
    public async Task KilledAfterApproval_MidPrewarm_AndMidRelease_OnTheEmbeddedDefault_ResumesAndFinishes_WithNothingLeakedOrDoubled()
    {
        Guid demo;
        var sw = Stopwatch.StartNew();
        // First kill point: right after the approval (the demo flash sale is filed and approved at start).
        await using (var zeroth = await ConsoleProcessHandle.StartAsync(_data))
        {
            demo = await WaitForAsync(() => DemoRequestAsync(), d => d is not null, TimeSpan.FromSeconds(60)) ?? Guid.Empty;
            await WaitForAsync(() => StateAsync(demo), st => st == "Scheduled", TimeSpan.FromSeconds(30));
            await zeroth.KillAsync();
        }
        await using (var first = await ConsoleProcessHandle.StartAsync(_data))
        {
            Assert.Equal(demo, await DemoRequestAsync()); // nothing filed twice
            await first.AdvanceClockAsync(4); // the demo's pre-warm is due: the hook's reconciler pass schedules it
            await WaitForAsync(() => StateAsync(demo), s => s is "Provisioning" or "Active", TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }
        var stateAtKill = await StateAsync(demo);
        var rowsAtKill = await LiveRowsAsync(demo);
        var eventsAtKill = await EventCountAsync(demo);
        output.WriteLine($"killed with the request {stateAtKill}, {rowsAtKill.Count} live rows recorded");

        var restart = Stopwatch.StartNew();
        await using var second = await ConsoleProcessHandle.StartAsync(_data);
        // The hook's clock is per process: catch up past the silence the reconciler waits for.
        await second.AdvanceClockAsync(6);
        await WaitForAsync(() => EventCountAsync(demo), n => n > eventsAtKill, TimeSpan.FromSeconds(60));
        var resumed = restart.Elapsed;
        await WaitForAsync(() => StateAsync(demo), s => s == "Active", TimeSpan.FromSeconds(120));
        var finished = restart.Elapsed;
        output.WriteLine($"resumed {resumed.TotalSeconds:0.0} s and Active {finished.TotalSeconds:0.0} s after the restart (whole scenario {sw.Elapsed.TotalSeconds:0} s)");

        // Leaked 0, duplicated 0: what the emulated cloud holds for this request is exactly its live rows.
        var rows = await LiveRowsAsync(demo);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        await Task.Delay(TimeSpan.FromSeconds(2)); // the emulator writes its state file within a second of a change
        var cloudRows = rows.Where(id => id.StartsWith("i-", StringComparison.Ordinal)).Order().ToList();
        Assert.NotEmpty(cloudRows);
        Assert.Equal(cloudRows, CloudInstancesOf(demo).Order().ToList());
        Assert.True(resumed < TimeSpan.FromSeconds(60), $"resumed after {resumed}");

        // Second kill point: the window has ended and the release is under way.
        await second.AdvanceClockAsync(60);
        var atKill = await WaitForAsync(() => StateAsync(demo), st => st is "Releasing" or "Released", TimeSpan.FromSeconds(60));
        await second.KillAsync();
        output.WriteLine($"second kill with the request {atKill}, {(await LiveRowsAsync(demo)).Count} live rows left");
        var again = Stopwatch.StartNew();
        await using var third = await ConsoleProcessHandle.StartAsync(_data);
        await third.AdvanceClockAsync(70);
        await WaitForAsync(() => StateAsync(demo), st => st == "Released", TimeSpan.FromSeconds(60));
        output.WriteLine($"Released {again.Elapsed.TotalSeconds:0.0} s after the second restart");
        Assert.Empty(await LiveRowsAsync(demo));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(CloudInstancesOf(demo)); // nothing left running in the emulated cloud
    }

    private SqliteConnection Open() => new($"Data Source={Path.Combine(_data, "capacity.db")};Mode=ReadOnly;Pooling=false");

    private async Task<Guid?> DemoRequestAsync()
    {
        if (!File.Exists(Path.Combine(_data, "capacity.db"))) return null;
        await using var c = Open();
        var ids = (await c.QueryAsync<string>("SELECT id FROM core_quota_requests WHERE justification LIKE 'Demo flash sale%'")).ToList();
        Assert.True(ids.Count <= 1, $"{ids.Count} demo flash sales");
        return ids.Count == 0 ? null : Guid.Parse(ids[0]);
    }

    private async Task<string?> StateAsync(Guid id)
    {
        await using var c = Open();
        return await c.QueryFirstOrDefaultAsync<string>("SELECT state FROM core_quota_requests WHERE id = @id", new { id = id.ToString() });
    }

    private async Task<long> EventCountAsync(Guid id)
    {
        await using var c = Open();
        return await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM provisioning_events e JOIN provisioning_orders o ON o.id = e.order_id WHERE o.request_id = @id", new { id = id.ToString() });
    }

    private async Task<List<string>> LiveRowsAsync(Guid id)
    {
        await using var c = Open();
        return (await c.QueryAsync<string>("SELECT id FROM resources WHERE request_id = @id AND state <> 'Released'", new { id = id.ToString() })).ToList();
    }

    /// <summary>The emulator's own record (its state file) of instances tagged with the request.</summary>
    private List<string> CloudInstancesOf(Guid id)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(_data, "ecs-emulator-state.json")));
        return state.RootElement.GetProperty("Instances").EnumerateObject()
            .Where(i => i.Value.GetProperty("Tags").EnumerateArray().Any(t => t.GetProperty("Value").GetString() == id.ToString("D")))
            .Select(i => i.Name).ToList();
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (sw.Elapsed > limit) throw new TimeoutException($"Still {value} after {limit.TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }
}

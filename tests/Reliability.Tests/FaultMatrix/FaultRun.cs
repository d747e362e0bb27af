using System.Diagnostics;
using System.Globalization;
using System.Text;
using CapacityConsole.Scheduler.Seeding;
using Xunit.Abstractions;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// One event driven through faults against real processes: the console (SQLite next to it, or a
/// PostgreSQL of its own), its emulated cloud, kills and restarts. It keeps what every console
/// process printed, the figures of each fault, and checks the invariants the issue asks for.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    /// <summary>Short on purpose, so a whole matrix fits a CI budget; resumption is asserted within one.</summary>
    public static readonly TimeSpan ReconcilerInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StalledAfter = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper _log;
    private readonly List<string> _settings;
    private readonly StringBuilder _outputs = new();
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private (decimal Committed, decimal Actual) _budgetBefore;

    public FaultRun(ITestOutputHelper log, string name, WorkTables tables, string dataFolder, string stateFile, IEnumerable<string> settings)
    {
        (_log, Name, Tables, DataFolder, StateFile) = (log, name, tables, dataFolder, stateFile);
        _settings =
        [
            "--Demo:FlashSale=false",
            $"--Reconciler:Interval={ReconcilerInterval:c}",
            $"--Reconciler:StalledAfter={StalledAfter:c}",
            "--Scheduling:ReleaseGrace=00:00:00",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
            "--Logging:Console:FormatterOptions:UseUtcTimestamp=true",
            .. settings,
        ];
    }

    public string Name { get; }
    public WorkTables Tables { get; }
    public string DataFolder { get; }
    public string StateFile { get; }
    public Guid Request { get; private set; }
    public ConsoleProcessHandle? Console { get; private set; }
    public List<string> Figures { get; } = [];
    public List<TimeSpan> Resumes { get; } = [];

    /// <summary>The cheapest cloud offering (ecs.c7.2xlarge, 8 cores, 0.16 CNY/h: under the IDC rate per core) in the five Beijing zones.</summary>
    public static IEnumerable<string> CheapCloud(string section)
    {
        string[] zones = ["cn-beijing-h", "cn-beijing-i", "cn-beijing-j", "cn-beijing-k", "cn-beijing-l"];
        yield return $"--{section}:Regions:0:RegionId=cn-beijing";
        yield return $"--{section}:Regions:0:LocalName=Beijing";
        for (var i = 0; i < zones.Length; i++)
        {
            var z = $"--{section}:Regions:0:Zones:{i}";
            yield return $"{z}:ZoneId={zones[i]}";
            yield return $"{z}:Offerings:0:InstanceType=ecs.c7.2xlarge";
            yield return $"{z}:Offerings:0:Cores=8";
            yield return $"{z}:Offerings:0:MemoryGiB=16";
            yield return $"{z}:Offerings:0:Stock=400";
            yield return $"{z}:Offerings:0:PricePerHour=0.16";
        }
    }

    public async Task<ConsoleProcessHandle> StartConsoleAsync()
    {
        if (Console is not null) await StopConsoleAsync(kill: true);
        Console = await ConsoleProcessHandle.StartAsync(DataFolder, [.. _settings]);
        return Console;
    }

    private async Task StopConsoleAsync(bool kill)
    {
        if (Console is null) return;
        if (kill) await Console.KillAsync();
        lock (_outputs) _outputs.Append(Console.Output);
        await Console.DisposeAsync();
        Console = null;
    }

    public string AllOutput { get { lock (_outputs) return _outputs + (Console?.Output ?? ""); } }

    /// <summary>Starts the first console, waits for the cloud's offerings, notes the budget, files and approves the event.</summary>
    public async Task<Guid> BeginAsync(int cores, TimeSpan windowEndsIn)
    {
        var console = await StartConsoleAsync();
        await WaitAsync("cloud offerings refreshed", () => Tables.ExistsAsync(), TimeSpan.FromSeconds(90));
        _budgetBefore = await Tables.BudgetAsync(DemoBudgets.FlashSaleId);
        Request = await ConsoleApi.FileAndApproveAsync(console.BaseUrl, cores, windowEndsIn);
        return Request;
    }

    /// <summary>kill -9 of the console once <paramref name="point"/> holds, then a restart; returns the time to resume.</summary>
    public async Task<TimeSpan> KillAndRestartAsync(string point, Func<Task<bool>>? when = null, TimeSpan? limit = null)
    {
        _log.WriteLine($"{Name}: waiting for {point} at {_total.Elapsed.TotalSeconds:0} s");
        if (when is not null) await WaitAsync(point, when, limit ?? TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(50));
        await StopConsoleAsync(kill: true);
        var atKill = await Tables.ProgressAsync(Request);
        var restart = Stopwatch.StartNew();
        await StartConsoleAsync();
        var up = restart.Elapsed;
        await WaitAsync($"work resumed after the kill {point}", async () => await Tables.ProgressAsync(Request) != atKill, TimeSpan.FromSeconds(120));
        var resumed = restart.Elapsed;
        Note($"kill -9 {point}", up, resumed);
        return resumed - up;
    }

    /// <summary>Records a fault's time to resume (from the restart; and from the restarted process answering).</summary>
    public void Note(string fault, TimeSpan up, TimeSpan resumed)
    {
        Resumes.Add(resumed - up);
        var line = $"{Name}: {fault}: up {up.TotalSeconds:0.0} s, resumed {resumed.TotalSeconds:0.0} s after the restart";
        Figures.Add(line);
        _log.WriteLine(line);
        // Within one reconciler interval of the restarted process being up (the start-up pass, or the one a silence later).
        Assert.True(resumed - up <= ReconcilerInterval, $"{line}: not within one reconciler interval ({ReconcilerInterval.TotalSeconds:0} s) of start");
    }

    public async Task WaitForStateAsync(string state, TimeSpan limit)
    {
        await WaitAsync($"request {state}", async () => (await Tables.RequestAsync(Request))?.State == state, limit);
        _log.WriteLine($"{Name}: {state} at {_total.Elapsed.TotalSeconds:0} s");
    }

    public async Task WaitAsync(string what, Func<Task<bool>> done, TimeSpan limit, TimeSpan? poll = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try { if (await done()) return; }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException) { } // the database restarting, a file being replaced
            if (sw.Elapsed > limit)
                throw new TimeoutException($"{Name}: '{what}' not reached within {limit.TotalSeconds:0} s; progress {await SafeProgressAsync()}.\n{Tail(AllOutput)}");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task<string> SafeProgressAsync()
    {
        try { return await Tables.ProgressAsync(Request); } catch (Exception e) { return e.Message; }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    /// <summary>Batch predicates for kill points.</summary>
    public async Task<bool> BatchesAsync(Func<List<WorkTables.BatchRow>, bool> holds) => holds(await Tables.BatchesAsync(Request));

    /// <summary>
    /// The cloud matches the tables: every instance the emulator holds for the request is one live row
    /// and every live cloud row is held (leaked 0); every instance it ever created is recorded (duplicated 0).
    /// </summary>
    public async Task<(int Leaked, int Duplicated)> AssertCloudMatchesAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the emulator writes its state file within a second of a change
        var cloud = CloudLedger.Read(StateFile);
        var rows = await Tables.ResourcesAsync(Request);
        var live = rows.Where(r => r.IsCloud && r.IsLive).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var held = cloud.HeldFor(Request);
        var recorded = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var leaked = held.Count(id => !live.Contains(id)) + live.Count(id => !held.Contains(id));
        var duplicated = cloud.EverCreated.Count(id => !recorded.Contains(id));
        // A unit the reconciler released as a leak is wrongly taken only if a row holds it live, or was
        // released by us only after that (so the row stood for it then, or was recorded later). A unit whose
        // row we had released before (a release cut by a kill before its cloud call) is rightly cleaned up.
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var leakReleasedButRecorded = CloudLedger.ReleasedAsLeaks(AllOutput)
            .Where(l => byId.TryGetValue(l.Id, out var row) && (row.IsLive || row.ReleasedAt!.Value.UtcDateTime.TimeOfDay > l.TimeOfDay + TimeSpan.FromMilliseconds(1)))
            .Select(l => l.Id).Distinct().ToList();
        _log.WriteLine($"{Name}: {held.Count} held, {live.Count} live cloud rows, {cloud.EverCreated.Count} ever created, {rows.Count} rows");
        Assert.Equal(0, leaked);
        Assert.Equal(0, duplicated);
        // No unit released as a leak that a batch later recorded.
        Assert.True(leakReleasedButRecorded.Count == 0, $"released as leaks, yet recorded: {string.Join(", ", leakReleasedButRecorded)}\n"
            + string.Join('\n', AllOutput.Split('\n').Where(l => leakReleasedButRecorded.Any(id => l.Contains(id, StringComparison.Ordinal))).Take(40)));
        return (leaked, duplicated);
    }

    /// <summary>
    /// An event left running: the budget holds exactly the request's commitment (committed + actual moved
    /// by it to the fen), and what it has accrued never exceeds what its rows have cost so far.
    /// </summary>
    public async Task AssertMoneyWhileActiveAsync()
    {
        var request = (await Tables.RequestAsync(Request))!;
        var budget = await Tables.BudgetAsync(DemoBudgets.FlashSaleId);
        var rows = await Tables.ResourcesAsync(Request);
        var now = DateTimeOffset.UtcNow;
        var costSoFar = Math.Round(rows.Sum(r => ((r.ReleasedAt ?? now) <= r.CreatedAt ? 0m
            : (decimal)((r.ReleasedAt ?? now) - r.CreatedAt).Ticks / TimeSpan.TicksPerHour * r.PricePerHour)), 2, MidpointRounding.AwayFromZero);
        Assert.True(request.Committed > 0m);
        Assert.Equal(_budgetBefore.Committed + _budgetBefore.Actual + request.Committed, budget.Committed + budget.Actual);
        Assert.Equal(_budgetBefore.Actual + request.Actual, budget.Actual);
        Assert.True(request.Actual <= costSoFar, $"accrued {request.Actual} of {costSoFar} used");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {request.State} after {_total.Elapsed.TotalSeconds:0} s in all; {rows.Count} units ({rows.Count(r => r.IsCloud)} cloud, {rows.Count(r => r.IsLive)} live); budget moved by the commitment {request.Committed:0.00} CNY to the fen");
        Figures.Add(line);
        _log.WriteLine(line);
    }

    /// <summary>
    /// The mid-run check of <see cref="AssertCloudMatchesAsync"/> while the event runs. Once its release
    /// has begun, rows count released from the moment the console asked while the cloud still deletes,
    /// so the check waits for the end (<see cref="FinishAsync"/>) instead.
    /// </summary>
    public async Task AssertCloudMatchesWhileActiveAsync()
    {
        if ((await Tables.RequestAsync(Request))?.State != "Active") { _log.WriteLine($"{Name}: release already begun; cloud checked at the end"); return; }
        await AssertCloudMatchesAsync();
    }

    /// <summary>Released, nothing held anywhere, and the money exact to the fen.</summary>
    public async Task FinishAsync(TimeSpan limit)
    {
        await WaitForStateAsync("Released", limit);
        var request = (await Tables.RequestAsync(Request))!;
        var rows = await Tables.ResourcesAsync(Request);
        Assert.Contains(rows, r => r.IsCloud);
        Assert.All(rows, r => Assert.False(r.IsLive, $"{r.Id} still {r.State}"));
        var (leaked, duplicated) = await AssertCloudMatchesAsync();

        // Actual spend is what the rows say was used (hours from creation to release x price), summed unrounded, rounded once.
        var expected = Math.Round(rows.Sum(r => r.ReleasedAt!.Value <= r.CreatedAt ? 0m
            : (decimal)(r.ReleasedAt.Value - r.CreatedAt).Ticks / TimeSpan.TicksPerHour * r.PricePerHour), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, request.Actual);
        Assert.True(request.Actual > 0m);
        var budget = await Tables.BudgetAsync(DemoBudgets.FlashSaleId);
        Assert.Equal(_budgetBefore.Committed, budget.Committed); // every unspent fen of the commitment went back
        Assert.Equal(_budgetBefore.Actual + request.Actual, budget.Actual);
        Assert.Equal(_budgetBefore.Committed + _budgetBefore.Actual + request.Actual, budget.Committed + budget.Actual);

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Name}: Released after {_total.Elapsed.TotalSeconds:0} s in all; leaked {leaked}, duplicated {duplicated}; {rows.Count} units ({rows.Count(r => r.IsCloud)} cloud); actual {request.Actual:0.00} CNY = rows to the fen; budget committed back to {budget.Committed:0.00}");
        Figures.Add(line);
        _log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await StopConsoleAsync(kill: true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

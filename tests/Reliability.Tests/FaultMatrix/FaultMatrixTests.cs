using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// Issue 12, point 7: the fault matrix, against real processes (the built console, the ECS emulator
/// in it or as its own process, a PostgreSQL cluster of the test's own). Each case drives one small
/// event (96 cores, ~20 cloud instances) from approval to release through its faults and asserts:
/// finished (Released), resumed within one reconciler interval of each restart (wall clock), leaked 0
/// and duplicated 0 against the emulator's own record, no unit released as a leak that a batch later
/// recorded, and the budget's committed + actual exact to the fen. The cases of this class run one
/// after another (xunit runs a class's tests sequentially); the figures are in docs/reliability.md.
/// </summary>
public sealed class FaultMatrixTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cc-fault-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    private static bool Open(WorkTables.BatchRow b) => b.State is "Pending" or "Sent";

    private static readonly string[] Bj1 = ["cn-beijing-h", "cn-beijing-i", "bj-idc-yizhuang"];
    private static readonly string[] Bj2 = ["cn-beijing-j", "bj-idc-jiuxianqiao"];

    [Fact]
    public async Task KilledAtNinePoints_OnTheEmbeddedDefault_ResumesEachTimeWithinOneInterval_AndFinishes_WithNothingLeakedOrDoubled()
    {
        await using var run = new FaultRun(output, "kill matrix (SQLite)", WorkTables.Sqlite(_data), _data, Path.Combine(_data, "ecs-emulator-state.json"),
        [
            .. FaultRun.CheapCloud("EcsEmulator"),
            "--EcsEmulator:BootDelay=00:00:06",
            "--EcsEmulator:Faults:AddedLatency=00:00:00.400",
            "--Scheduling:MaxUnitsPerBatch=1",
            "--Scheduling:MaxParallelBatches=1",
        ]);
        await run.BeginAsync(96, TimeSpan.FromSeconds(170));
        await run.KillAndRestartAsync("1 right after the approval");
        await run.KillAndRestartAsync("2 mid pre-warm, between batches",
            () => run.BatchesAsync(b => b.Any(x => x.State == "Fulfilled") && b.Any(x => x.State == "Pending") && !b.Any(x => x.State == "Sent")));
        await run.KillAndRestartAsync("3 with RunInstances sent and its batch not recorded", () => run.BatchesAsync(b => b.Any(x => x.State == "Sent")));
        await run.KillAndRestartAsync("4 during the boot wait", async () =>
            (await run.Tables.RequestAsync(run.Request))?.State == "Provisioning" && await run.BatchesAsync(b => b.Count > 0 && !b.Any(Open))
            && (await run.Tables.ResourcesAsync(run.Request)).Any(r => r.IsCloud && r.RunningAt is null));
        await run.WaitForStateAsync("Active", TimeSpan.FromSeconds(90));
        await run.AssertCloudMatchesAsync();

        // Units deleted by hand while the console is down: the restarted console records them vanished and re-provisions.
        var cloudUnits = (await run.Tables.ResourcesAsync(run.Request)).Count(r => r.IsCloud && r.IsLive);
        await run.KillAndRestartAsync("5 while Active, then 3 instances deleted outside the console", async () =>
        {
            var held = (await run.Tables.ResourcesAsync(run.Request)).Where(r => r.IsCloud && r.IsLive).Select(r => r.Id).Take(3).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the state file is at most a second behind
            await run.Console!.KillAsync();
            CloudLedger.DeleteOutOfBand(run.StateFile, held);
            return true;
        });
        await run.KillAndRestartAsync("6 mid re-provision of the vanished units", () => run.BatchesAsync(b => b.Any(Open)));
        await run.WaitAsync("vanished units replaced", async () =>
            (await run.Tables.ResourcesAsync(run.Request)).Count(r => r.IsCloud && r.IsLive && r.RunningAt is not null) >= cloudUnits
            && await run.BatchesAsync(b => !b.Any(Open)), TimeSpan.FromSeconds(90));
        Assert.Contains(await run.Tables.TimelineAsync(run.Request), l => l.StartsWith("Vanished: 3 unit(s)", StringComparison.Ordinal));
        await run.AssertCloudMatchesAsync();

        // Zone bj-1 lost during the event: on-call marks it Down through the API; the failover job is killed with the console.
        Assert.Equal(HttpStatusCode.Accepted, await ConsoleApi.MarkZoneDownAsync(run.Console!.BaseUrl, "bj-1"));
        await run.KillAndRestartAsync("7 mid failover (right after the zone was marked Down)");
        await run.KillAndRestartAsync("8 mid failover's replacement batches", () => run.BatchesAsync(b => b.Any(Open)));
        await run.WaitAsync("failover done", async () =>
            !(await run.Tables.ResourcesAsync(run.Request)).Any(r => r.IsLive && Bj1.Contains(r.MemberZone))
            && await run.BatchesAsync(b => !b.Any(Open)), TimeSpan.FromSeconds(90));
        await run.AssertCloudMatchesAsync();

        await run.KillAndRestartAsync("9 mid release", async () => (await run.Tables.RequestAsync(run.Request))?.State == "Releasing", TimeSpan.FromSeconds(240));
        await run.FinishAsync(TimeSpan.FromSeconds(90));
        Assert.True(run.Resumes.Count >= 8);
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try { Directory.Delete(_data, true); return; }
            catch (IOException) { await Task.Delay(200); }
        }
    }
}

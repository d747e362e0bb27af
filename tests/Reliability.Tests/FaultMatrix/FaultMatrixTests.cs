using System.Diagnostics;
using System.Net;
using CapacityConsole.Testing;
using Xunit.Abstractions;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// Issue 12, point 7: the fault matrix, against real processes (the built console, the ECS emulator
/// in it or as its own process, a PostgreSQL cluster of the test's own). Each case drives one small
/// event (96 cores, ~20 cloud instances) through its faults and asserts: finished (Released; the kill
/// matrix ends Active and whole after its failover), resumed within one reconciler interval of each
/// restart (wall clock, no test clock hook), leaked 0 and duplicated 0 against the emulator's own
/// record, no unit released as a leak that a batch later recorded, and the budget's committed + actual
/// exact to the fen. The cases of this class run one after another (xunit runs a class's tests
/// sequentially); the figures are in docs/reliability.md.
/// </summary>
public sealed class FaultMatrixTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cc-fault-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    private static bool Open(WorkTables.BatchRow b) => b.State is "Pending" or "Sent";

    private static readonly string[] Bj1 = ["cn-beijing-h", "cn-beijing-i", "bj-idc-yizhuang"];
    private static readonly string[] Bj2 = ["cn-beijing-j", "bj-idc-jiuxianqiao"];

    [Fact]
    public async Task KilledAtEightPoints_OnTheEmbeddedDefault_ResumesEachTimeWithinOneInterval_AndEndsActiveAndWhole_WithNothingLeakedOrDoubled()
    {
        await using var run = new FaultRun(output, "kill matrix (SQLite)", WorkTables.Sqlite(_data), _data, Path.Combine(_data, "ecs-emulator-state.json"),
        [
            .. FaultRun.CheapCloud("EcsEmulator"),
            "--EcsEmulator:BootDelay=00:00:04",
            "--EcsEmulator:Faults:AddedLatency=00:00:00.300",
            "--Scheduling:MaxUnitsPerBatch=1",
            "--Scheduling:MaxParallelBatches=1",
        ]);
        await run.BeginAsync(96, TimeSpan.FromMinutes(30));
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
        Assert.Contains("gone at the provider", run.AllOutput, StringComparison.Ordinal); // the console's log is captured: the leak check below reads it
        await run.AssertCloudMatchesAsync();

        // Zone bj-1 lost during the event: on-call marks it Down through the API; the failover job is killed with the console.
        Assert.Equal(HttpStatusCode.Accepted, await ConsoleApi.MarkZoneDownAsync(run.Console!.BaseUrl, "bj-1"));
        await run.KillAndRestartAsync("7 mid failover (right after the zone was marked Down)");
        await run.KillAndRestartAsync("8 mid failover's replacement batches", () => run.BatchesAsync(b => b.Any(Open)));
        await run.WaitAsync("failover done", async () =>
            !(await run.Tables.ResourcesAsync(run.Request)).Any(r => r.IsLive && Bj1.Contains(r.MemberZone))
            && await run.BatchesAsync(b => !b.Any(Open)), TimeSpan.FromSeconds(90));
        await run.AssertCloudMatchesAsync();

        // Finished: Active and whole again after every fault, the budget holding exactly its commitment.
        // (The release leg, with kills, is the storm's and PostgreSQL's: here the window stays open so
        // no fault point depends on how fast a loaded machine gets through the ones before it.)
        Assert.Equal("Active", (await run.Tables.RequestAsync(run.Request))!.State);
        await run.AssertMoneyWhileActiveAsync();
        Assert.True(run.Resumes.Count >= 8);
    }

    [Fact]
    public async Task ThrottlingStorm_OfOneSecondLatencyAnd20PercentServerErrors_WithKillsMidPrewarmAndMidRelease_StillFinishes_WithNothingLeakedOrDoubled()
    {
        string[] jobActions = ["RunInstances", "DescribeInstances", "DescribeInstanceStatus", "DeleteInstances"];
        await using var run = new FaultRun(output, "storm (SQLite)", WorkTables.Sqlite(_data), _data, Path.Combine(_data, "ecs-emulator-state.json"),
        [
            .. FaultRun.CheapCloud("EcsEmulator"),
            "--EcsEmulator:BootDelay=00:00:04",
            "--EcsEmulator:Faults:AddedLatency=00:00:01",
            .. jobActions.Select(a => $"--EcsEmulator:Faults:ErrorRates:{a}=0.2"),
            "--Scheduling:MaxUnitsPerBatch=4",
            "--Scheduling:MaxParallelBatches=4",
        ]);
        await run.BeginAsync(96, TimeSpan.FromSeconds(45));
        await run.KillAndRestartAsync("mid pre-warm under the storm", () => run.BatchesAsync(b => b.Any(x => x.State == "Fulfilled") && b.Any(Open)));
        await run.WaitForStateAsync("Active", TimeSpan.FromSeconds(120));
        await run.AssertCloudMatchesWhileActiveAsync();
        await run.KillAndRestartAsync("mid release under the storm", async () => (await run.Tables.RequestAsync(run.Request))?.State == "Releasing", TimeSpan.FromSeconds(120));
        await run.FinishAsync(TimeSpan.FromSeconds(150));
        // The storm did hit the job: the ECS client's resilience pipeline logged a retry for each 503 it was answered.
        var retryLines = run.AllOutput.Split('\n').Where(l => l.Contains("OnRetry", StringComparison.Ordinal)).ToList();
        var retries = retryLines.Count;
        var byResult = retryLines.GroupBy(l => System.Text.RegularExpressions.Regex.Match(l, "Result: '([^']*)'").Groups[1].Value)
            .Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"{run.Name}: {retries} ECS calls retried after a 503 (by result {string.Join(", ", byResult)})");
        run.Figures.Add($"{run.Name}: {retries} ECS calls retried after a 503");
        // At least one: how many is chance (20% of a few dozen job calls; 2–13 seen, and a kill -9 can take
        // the last lines queued in the console's logger with it). A bar of 3 failed a clean-clone run with 2;
        // no 503 at all in 30 calls has a chance of 0.8^30, about 0.1%.
        Assert.True(retries >= 1, "no retry: the storm did not reach the job");
    }

    [Fact]
    public async Task OnPostgreSql_EmulatorRestart_PostgresRestart_ZoneDown_MidProvision_AndAKillMidRelease_Finishes_WithNothingLeakedOrDoubled()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = cluster.ConnectionString("capacity");
        var port = EmulatorProcessHandle.FreePort();
        var stateFile = Path.Combine(_data, "standalone-emulator-state.json");
        string[] emulatorSettings = [.. FaultRun.CheapCloud("EcsEmulator"), "--EcsEmulator:BootDelay=00:00:04", "--EcsEmulator:Faults:AddedLatency=00:00:00.300"];
        var emulator = await EmulatorProcessHandle.StartAsync(port, stateFile, emulatorSettings);
        try
        {
            await using var run = new FaultRun(output, "PostgreSQL + standalone emulator", WorkTables.Postgres(database), _data, stateFile,
            [
                "--Storage:Provider=Postgres",
                $"--Storage:PostgresConnectionString={database}",
                .. KeyRingCertificateFile.Settings,
                $"--Providers:AlibabaCloud:Endpoint=http://127.0.0.1:{port}/",
                $"--Providers:AlibabaCloud:AccessKeyId={EmulatorProcessHandle.AccessKeyId}",
                $"--Providers:AlibabaCloud:AccessKeySecret={EmulatorProcessHandle.AccessKeySecret}",
                "--Providers:AlibabaCloud:Regions:0=cn-beijing",
                "--Scheduling:MaxUnitsPerBatch=1",
                "--Scheduling:MaxParallelBatches=1",
            ]);
            await run.BeginAsync(96, TimeSpan.FromSeconds(60));

            // The emulator restarted as its own process, from its state file, while batches go out.
            await run.WaitAsync("mid pre-warm", () => run.BatchesAsync(b => b.Any(x => x.State == "Fulfilled") && b.Count(x => x.State == "Pending") >= 4),
                TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(50));
            Assert.True(await emulator.StopAsync() == 0, $"the emulator's stop: {emulator.Output}"); // and its state saved on the way out
            var atStop = await run.Tables.ProgressAsync(run.Request);
            var restart = Stopwatch.StartNew();
            await emulator.DisposeAsync();
            emulator = await EmulatorProcessHandle.StartAsync(port, stateFile, emulatorSettings);
            var up = restart.Elapsed;
            await run.WaitAsync("resumed after the emulator restart", async () => await run.Tables.ProgressAsync(run.Request) != atStop, TimeSpan.FromSeconds(120));
            run.Note("emulator restarted (own process, state file) mid pre-warm", up, restart.Elapsed);

            // PostgreSQL itself restarted (immediate stop: every connection cut) while batches go out.
            await run.WaitAsync("batches still to send", () => run.BatchesAsync(b => b.Count(x => x.State == "Pending") >= 2), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
            await cluster.StopServerAsync();
            restart.Restart();
            await cluster.StartServerAsync();
            up = restart.Elapsed;
            var atRestart = await run.Tables.ProgressAsync(run.Request);
            await run.WaitAsync("resumed after the PostgreSQL restart", async () => await run.Tables.ProgressAsync(run.Request) != atRestart, TimeSpan.FromSeconds(120));
            run.Note("PostgreSQL restarted mid pre-warm", up, restart.Elapsed);

            // Zone bj-2 lost while the pre-warm still runs.
            await run.WaitAsync("still provisioning", async () => (await run.Tables.RequestAsync(run.Request))?.State == "Provisioning", TimeSpan.FromSeconds(30));
            var zoneDown = Stopwatch.StartNew();
            await ConsoleApi.MarkZoneDownAsync(run.Console!.BaseUrl, "bj-2");
            await run.WaitForStateAsync("Active", TimeSpan.FromSeconds(120));
            await run.WaitAsync("nothing left in the lost zone", async () =>
                !(await run.Tables.ResourcesAsync(run.Request)).Any(r => r.IsLive && Bj2.Contains(r.MemberZone))
                && await run.BatchesAsync(b => !b.Any(Open)), TimeSpan.FromSeconds(90));
            output.WriteLine($"{run.Name}: zone bj-2 Down mid pre-warm: Active without it {zoneDown.Elapsed.TotalSeconds:0.0} s later");
            run.Figures.Add($"{run.Name}: zone bj-2 Down mid pre-warm: Active with nothing in it {zoneDown.Elapsed.TotalSeconds:0.0} s later");
            await run.AssertCloudMatchesWhileActiveAsync();

            // The restarted emulator kept its whole cloud: nothing the console recorded went missing.
            Assert.DoesNotContain(await run.Tables.TimelineAsync(run.Request), l => l.StartsWith("Vanished", StringComparison.Ordinal));

            await run.KillAndRestartAsync("mid release (PostgreSQL)", async () => (await run.Tables.RequestAsync(run.Request))?.State == "Releasing", TimeSpan.FromSeconds(150));
            await run.FinishAsync(TimeSpan.FromSeconds(90));
        }
        finally
        {
            await emulator.DisposeAsync();
        }
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

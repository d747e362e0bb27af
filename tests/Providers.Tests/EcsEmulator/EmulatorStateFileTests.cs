using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
using CapacityConsole.EcsEmulator.State;
using static CapacityConsole.Providers.Tests.Infrastructure.TestTopology;

namespace CapacityConsole.Providers.Tests.EcsEmulator;

/// <summary>State survives a restart through the JSON file: instances, stock and remembered ClientTokens.</summary>
public sealed class EmulatorStateFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ecs-emulator-{Guid.NewGuid():N}.json");

    private static RunInstancesRequest Run() => new()
    {
        RegionId = Region, ZoneId = RoomyZone, InstanceType = C7Large, ImageId = "img", Amount = 3, ClientToken = "persisted",
        Tag = [new() { Key = "owner", Value = "me" }],
    };

    // ClientTokens belong to an account, so the restarted emulator must know the same AccessKey.
    private static void SameAccount(CapacityConsole.EcsEmulator.Options.EcsEmulatorOptions o) =>
        o.Credentials.Add(new() { AccessKeyId = "fixed-ak", AccessKeySecret = "fixed-secret" });

    [Fact]
    public async Task SavedState_IsRestoredByANewEmulator()
    {
        List<string> ids;
        await using (var first = await EcsTestBed.StartAsync(emulator: SameAccount))
        {
            ids = (await first.Client.RunInstancesAsync(Run())).Body!.InstanceIdSets!.InstanceIdSet!;
            await first.Host.SaveStateAsync(_path);
        }

        await using var second = await EcsTestBed.StartAsync(emulator: o => { SameAccount(o); o.StateFile = _path; });
        var replay = (await second.Client.RunInstancesAsync(Run())).Body!.InstanceIdSets!.InstanceIdSet!;

        Assert.Equal(ids.Order(), second.Host.Instances.Select(i => i.InstanceId).Order());
        Assert.Equal(ids, replay); // the remembered token answers again, creating nothing
        Assert.Equal(RoomyStock - 3, second.Host.RemainingStock(RoomyZone, C7Large));
        Assert.Equal([new("owner", "me")], second.Host.Instances[0].Tags);
    }

    [Fact]
    public async Task ConfiguredStateFile_IsWrittenOnDispose()
    {
        await using (var bed = await EcsTestBed.StartAsync(emulator: o => o.StateFile = _path))
            await bed.Client.RunInstancesAsync(Run());

        await using var again = await EcsTestBed.StartAsync(emulator: o => o.StateFile = _path);

        Assert.Equal(3, again.Host.Instances.Count);
    }

    [Fact]
    public async Task LoadState_RejectsAnUnknownVersion()
    {
        await File.WriteAllTextAsync(_path, """{"Version":99}""");
        await using var bed = await EcsTestBed.StartAsync();

        var refused = await Assert.ThrowsAsync<StateFileException>(() => bed.Host.LoadStateAsync(_path));
        Assert.Contains("newer emulator", refused.Message);
    }

    [Theory]
    [InlineData("""{"Version":2,"Instances":{}}""", "newer emulator (state version 2")]
    [InlineData("""{"Version":1,"Instances":{"i-1":""", "is corrupt")]
    [InlineData("not json at all", "is corrupt")]
    public async Task StartingOnABadStateFile_Stops_WithOneClearLine_AndLeavesTheFileAlone(string content, string says)
    {
        await File.WriteAllTextAsync(_path, content);

        var refused = await Assert.ThrowsAsync<StateFileException>(() => EcsTestBed.StartAsync(emulator: o => o.StateFile = _path));

        Assert.Contains(says, refused.Message);
        Assert.Contains(Path.GetFullPath(_path), refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(content, await File.ReadAllTextAsync(_path));
    }

    [Fact]
    public async Task ChangedState_IsSavedWhileRunning_SoAKilledEmulatorRestartsWithItsCloud()
    {
        var bed = await EcsTestBed.StartAsync(emulator: o => o.StateFile = _path);
        var ids = (await bed.Client.RunInstancesAsync(Run())).Body!.InstanceIdSets!.InstanceIdSet!;
        // No dispose (as with kill -9): only the periodic save can have written the file.
        for (var i = 0; i < 100 && !File.Exists(_path); i++)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        var saved = await File.ReadAllTextAsync(_path);
        Assert.All(ids, id => Assert.Contains(id, saved));

        // The file as the killed process left it; the old emulator keeps running beside, writing only its own file.
        File.Copy(_path, _path + ".copy", overwrite: true);
        await using var again = await EcsTestBed.StartAsync(emulator: o => o.StateFile = _path + ".copy");
        Assert.Equal(ids.Order(), again.Host.Instances.Select(i => i.InstanceId).Order());
        // A retry under another AccessKey of the same account (the embedded default makes one per run) replays its token.
        var replay = (await again.Client.RunInstancesAsync(Run())).Body!.InstanceIdSets!.InstanceIdSet!;
        Assert.Equal(ids, replay);
        Assert.Equal(3, again.Host.Instances.Count);
        await bed.DisposeAsync();
        File.Delete(_path + ".copy");
    }

    public void Dispose() => File.Delete(_path);
}

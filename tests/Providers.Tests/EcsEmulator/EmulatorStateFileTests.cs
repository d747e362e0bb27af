using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Providers.Tests.Infrastructure;
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

        await Assert.ThrowsAsync<InvalidDataException>(() => bed.Host.LoadStateAsync(_path));
    }

    public void Dispose() => File.Delete(_path);
}

using CapacityConsole.EcsEmulator.Options;

namespace CapacityConsole.Providers.Tests.Infrastructure;

/// <summary>A small world with known numbers: one roomy zone, one with 4 units left, one sold-out type.</summary>
public static class TestTopology
{
    public const string Region = "cn-test";
    public const string RoomyZone = "cn-test-a";
    public const string ScarceZone = "cn-test-b";
    public const string C7Large = "ecs.c7.large";
    public const string SoldOutType = "ecs.c7.8xlarge";
    public const string UnpricedType = "ecs.g7.large";
    public const int ScarceStock = 4;
    public const int RoomyStock = 500;

    public static EcsEmulatorOptions Options() => new()
    {
        BootDelay = TimeSpan.FromSeconds(60),
        Regions =
        [
            new EmulatorRegion
            {
                RegionId = Region,
                Zones =
                [
                    Zone(RoomyZone, RoomyStock),
                    Zone(ScarceZone, ScarceStock),
                ],
            },
        ],
    };

    private static EmulatorZone Zone(string id, int stock) => new()
    {
        ZoneId = id,
        Offerings =
        [
            new() { InstanceType = C7Large, Cores = 2, MemoryGiB = 4, Stock = stock, PricePerHour = 0.42m },
            new() { InstanceType = SoldOutType, Cores = 32, MemoryGiB = 64, Stock = 0, PricePerHour = 6.68m },
            new() { InstanceType = UnpricedType, Cores = 2, MemoryGiB = 8, Stock = 20, PricePerHour = null },
        ],
    };
}

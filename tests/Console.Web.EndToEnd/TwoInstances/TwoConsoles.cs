using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.Web.EndToEnd.Infrastructure;
using Npgsql;
using DemoTopology = CapacityConsole.Scheduler.Seeding.DemoTopology;

namespace CapacityConsole.Web.EndToEnd.TwoInstances;

/// <summary>
/// Two real console processes, A and B, on one fresh database of the real PostgreSQL server that
/// ./test.sh starts (CAPACITY_TEST_POSTGRES), both talking to one ECS emulator run here, as two
/// instances behind a load balancer would. A starts first (it migrates and seeds), then B.
/// </summary>
public sealed class TwoConsoles : IAsyncLifetime
{
    public const string Variable = "CAPACITY_TEST_POSTGRES";

    private readonly string _database = $"cc_e2e_{Guid.NewGuid():N}";

    public ConsoleServer A { get; private set; } = default!;
    public ConsoleServer B { get; private set; } = default!;
    public EcsEmulatorHost Ecs { get; private set; } = default!;
    internal ShiftedClock EcsClock { get; } = new();

    private static string Server => Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set; run ./test.sh, which starts a throwaway PostgreSQL server.");

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {_database}");
        Ecs = await EcsEmulatorHost.StartAsync(new EcsEmulatorOptions
        {
            Regions = EcsEmulator.Options.DemoTopology.For(DemoTopology.CloudZones),
            BootDelay = TimeSpan.FromSeconds(2),
        }, EcsClock);
        var shared = new SharedEcs(Ecs.BaseAddress, Ecs.Credentials.AccessKeyId, Ecs.Credentials.AccessKeySecret, Ecs.RegionIds);
        var connection = new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString;
        A = await ConsoleServer.StartAsync(new ConsoleLaunch(ClockHook: true, connection, shared));
        B = await ConsoleServer.StartAsync(new ConsoleLaunch(ClockHook: true, connection, shared));
    }

    /// <summary>Moves the emulator's clock and both consoles' clocks (each then runs its reconciler once), B first.</summary>
    /// <summary>How far the test has moved every clock.</summary>
    public TimeSpan ClockOffset { get; private set; }

    public async Task AdvanceClocksAsync(int minutes)
    {
        ClockOffset += TimeSpan.FromMinutes(minutes);
        EcsClock.Advance(TimeSpan.FromMinutes(minutes));
        await B.AdvanceClockAsync(minutes);
        await A.AdvanceClockAsync(minutes);
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Ecs is not null) await Ecs.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    /// <summary>Polls B's API for the request's state: bounded (3 minutes), so a stuck job fails the test with the state it stuck in.</summary>
    public async Task WaitForStateAsync(Guid id, string state)
    {
        using var client = new ConsoleClient(); // signed in after the clocks moved, so the cookie is fresh
        await client.SignInAsync(B.BaseUrl, "viewer", ConsoleServer.DemoPassword);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            seen = (await client.GetJsonAsync(B.BaseUrl, $"/api/v1/requests/{id}")).GetProperty("state").GetString();
            if (seen == state) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"Request {id} is {seen}, not {state}, after 3 minutes.");
    }

    /// <summary>The Data Protection key ring as the instances stored it in the database.</summary>
    public async Task<IReadOnlyList<string>> StoredKeysAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The two-instance test classes share one pair of consoles (starting them is most of the cost) and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TwoConsolesCollection : ICollectionFixture<TwoConsoles>
{
    public const string Name = "two consoles on one PostgreSQL";
}

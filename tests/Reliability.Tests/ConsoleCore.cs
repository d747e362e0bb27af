using CapacityConsole.Providers;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CapacityConsole.Reliability.Tests;

/// <summary>
/// Scheduler.Core and the providers wired exactly as the console wires them (AddSchedulerCore,
/// AddProviders), on a fresh database, with a clock the test moves. Hangfire is replaced by a
/// recorder of what would be scheduled: the jobs are run by the test, at the times it chooses.
/// </summary>
public sealed class ConsoleCore : IAsyncDisposable
{
    public const string PostgresVariable = "CAPACITY_TEST_POSTGRES";

    private readonly IHost _host;
    private readonly Func<Task> _drop;

    public FakeTimeProvider Clock { get; }
    public RecordingJobScheduler Jobs { get; }
    public IServiceProvider Services => _host.Services;
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    private ConsoleCore(IHost host, FakeTimeProvider clock, RecordingJobScheduler jobs, Func<Task> drop) =>
        (_host, Clock, Jobs, _drop) = (host, clock, jobs, drop);

    /// <summary>The clock every test starts at; pass one in to share it with an emulator started first.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public static async Task<ConsoleCore> StartAsync(
        StorageProvider storage, Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null,
        FakeTimeProvider? clock = null)
    {
        settings = new Dictionary<string, string?>(settings ?? []) { ["Demo:Password"] = "reliability-demo", ["Demo:Enabled"] = "true" };
        // Outside Development the demo flash sale is off by default (issue 10); these tests keep the old default unless they say otherwise.
        settings.TryAdd("Demo:FlashSale", "true");
        Func<Task> drop;
        if (storage == StorageProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("cc-rel-").FullName;
            settings["Storage:DataDirectory"] = folder;
            drop = () => { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); Directory.Delete(folder, true); return Task.CompletedTask; };
        }
        else
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException($"{PostgresVariable} is not set; run ./test.sh, which starts PostgreSQL.");
            var name = $"cc_rel_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE {name}");
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:PostgresConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            drop = async () => { NpgsqlConnection.ClearAllPools(); await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"); };
        }

        clock ??= NewClock();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddSchedulerCore();
        builder.AddProviders();
        var jobs = new RecordingJobScheduler();
        builder.Services.AddSingleton<IJobScheduler>(jobs);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.GetRequiredService<StorageInitializer>().InitializeAsync();
        return new ConsoleCore(host, clock, jobs, drop);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _drop();
    }
}

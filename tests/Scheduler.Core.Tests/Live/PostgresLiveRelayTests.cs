using System.Threading.Channels;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CapacityConsole.Scheduler.Tests.Live;

/// <summary>
/// The LISTEN/NOTIFY relay between two "instances" (two service providers, each with its own
/// connection pool) on one real PostgreSQL database.
/// </summary>
public sealed class PostgresLiveRelayTests : IAsyncLifetime
{
    // A safety net so a broken relay fails the test instead of hanging it; never a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestDatabase _database = default!;
    private Instance _a = default!;
    private Instance _b = default!;

    public async Task InitializeAsync()
    {
        _database = await new PostgresDatabases().CreateAsync();
        var connectionString = ((PostgresDialect)_database.Database.Dialect).DataSource.ConnectionString;
        _a = await Instance.StartAsync(connectionString);
        _b = await Instance.StartAsync(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task UpdatePublishedOnA_ReachesBOnce_AndIsNotEchoedBackToA()
    {
        var onA = _a.Watch(LiveKeys.Zone("sh-1"));
        var onB = _b.Watch(LiveKeys.Zone("sh-1"));

        _a.Notifier.Publish(new ZoneHealthChanged("sh-1", null, ZoneHealth.Down, "power loss", DateTimeOffset.UtcNow));

        var arrived = Assert.IsType<ZoneHealthChanged>(await onB.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(("sh-1", ZoneHealth.Down, "power loss"), (arrived.InternalZoneId, arrived.Health, arrived.Reason));
        Assert.IsType<ZoneHealthChanged>(await onA.ReadAsync().AsTask().WaitAsync(Patience)); // delivered locally at once
        // A marker sent after it: once B has it, A's own echo (had it been delivered) would be queued already.
        _a.Notifier.Publish(new ZoneHealthChanged("sh-1", null, ZoneHealth.Healthy, "marker", DateTimeOffset.UtcNow));
        await onB.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("marker", ((ZoneHealthChanged)await onA.ReadAsync().AsTask().WaitAsync(Patience)).Reason);
        Assert.False(onA.TryRead(out _));
        Assert.False(onB.TryRead(out _));
    }

    [Fact]
    public async Task BudgetChangedOnA_ReachesB_WithItsStateAndFigures()
    {
        var budget = Guid.NewGuid();
        var onB = _b.Watch(LiveKeys.Budget(budget));

        _a.Notifier.Publish(new BudgetChanged(budget, BudgetState.Approved, 1_234.56m, 78.9m, DateTimeOffset.UtcNow));

        var arrived = Assert.IsType<BudgetChanged>(await onB.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal((budget, BudgetState.Approved, 1_234.56m, 78.9m), (arrived.BudgetId, arrived.State, arrived.Committed, arrived.Actual));
    }

    [Fact]
    public async Task UpdateTooLargeForANotifyPayload_TravelsByIdThroughTheTable()
    {
        var onB = _b.Watch(LiveKeys.All);
        var message = new string('x', 9_000); // NOTIFY refuses payloads of 8000 bytes or more

        var id = Guid.NewGuid();
        _a.Notifier.Publish(new RequestProgressed(id, RequestState.Provisioning, 96, 960, message, DateTimeOffset.UtcNow));

        var arrived = Assert.IsType<RequestProgressed>(await onB.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal((id, message), (arrived.RequestId, arrived.Message));
    }

    [Fact]
    public async Task LostListenConnection_IsReopened_ViewersResync_AndLaterUpdatesArrive()
    {
        var onB = _b.Watch(LiveKeys.Zone("sh-2"));
        Assert.True(_b.Status.Connected);

        // The server ends B's LISTEN session, as a failover or a restart of PostgreSQL would.
        await using (var admin = new NpgsqlConnection(((PostgresDialect)_database.Database.Dialect).DataSource.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", admin);
            await kill.ExecuteNonQueryAsync();
        }

        Assert.IsType<LiveResynced>(await onB.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.True(_b.Status.Connected);
        Assert.Single(_b.Logs.Warnings(), w => w.Contains("LISTEN connection for live updates was lost", StringComparison.Ordinal));
        Assert.Contains(_b.Logs.Messages(), m => m.Contains("LISTEN connection for live updates is back", StringComparison.Ordinal));
        _a.Notifier.Publish(new ZoneHealthChanged("sh-2", null, ZoneHealth.Degraded, "after the reconnect", DateTimeOffset.UtcNow));
        Assert.Equal("after the reconnect", Assert.IsType<ZoneHealthChanged>(await onB.ReadAsync().AsTask().WaitAsync(Patience)).Reason);
    }

    private sealed class Instance : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly IHostedService _relay;

        private Instance(ServiceProvider services, CapturedLogs logs)
        {
            _services = services;
            Logs = logs;
            _relay = services.GetServices<IHostedService>().Single();
        }

        public LiveNotifier Notifier => _services.GetRequiredService<LiveNotifier>();
        public CapturedLogs Logs { get; }
        public LiveRelayStatus Status => _services.GetRequiredService<LiveRelayStatus>();

        public static async Task<Instance> StartAsync(string connectionString)
        {
            var logs = new CapturedLogs();
            var services = new ServiceCollection()
                .AddLogging(b => b.AddProvider(logs))
                .AddSingleton(TimeProvider.System)
                .AddSingleton<SqlDialect>(new PostgresDialect(NpgsqlDataSource.Create(connectionString)))
                .AddLiveUpdates()
                .BuildServiceProvider();
            var instance = new Instance(services, logs);
            await instance._relay.StartAsync(default);
            var deadline = DateTime.UtcNow + Patience;
            while (!instance.Status.Connected && DateTime.UtcNow < deadline) await Task.Delay(50);
            return instance.Status.Connected ? instance : throw new TimeoutException("The relay did not LISTEN.");
        }

        public ChannelReader<LiveUpdate> Watch(string key)
        {
            var channel = Channel.CreateUnbounded<LiveUpdate>();
            Notifier.Subscribe(key, u => channel.Writer.TryWrite(u));
            return channel.Reader;
        }

        public async ValueTask DisposeAsync()
        {
            await _relay.StopAsync(default);
            await ((PostgresDialect)_services.GetRequiredService<SqlDialect>()).DataSource.DisposeAsync();
            await _services.DisposeAsync();
        }
    }
}

/// <summary>Every log line of one "instance", to check what an operator would read.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    public IEnumerable<string> Warnings() => _lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message);
    public IEnumerable<string> Messages() => _lines.Select(l => l.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) => owner._lines.Enqueue((logLevel, formatter(state, exception)));
    }
}

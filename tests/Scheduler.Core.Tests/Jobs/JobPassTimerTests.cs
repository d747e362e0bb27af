using CapacityConsole.Scale;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Jobs;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Tests.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Jobs;

public sealed class JobPassTimerTests
{
    private sealed class Captured : ILogger<JobPassTimer>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APassOverTheThreshold_IsLoggedWithItsDurationAndWhatItScanned_AndAQuickOneIsNot(bool slow)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        await using var t = await new SqliteDatabases().CreateAsync();
        await new DemoSeeder(t.Database, new TopologyRepository(t.Database), new ServiceRepository(t.Database), new BudgetRepository(t.Database),
            new Scheduler.Access.UserRepository(t.Database), new Scheduler.Access.UserPasswords(), Options.Create(new DemoOptions { Password = "demo-password-1" }), clock, [])
            .SeedAsync();
        await ScaleFill.FillAsync(t.Database, new ScaleShape(91, 58, 640, 576, 320), clock.GetUtcNow());
        var logs = new Captured();
        // The threshold is what is varied, not the pass's speed: no timing is asserted.
        var timer = new JobPassTimer(t.Database, Options.Create(new JobPassOptions { SlowPass = slow ? TimeSpan.FromTicks(1) : TimeSpan.FromHours(1) }), logs);

        var result = await timer.RunAsync("Reconciler", async () => { await Task.Yield(); return 42; }, r => $"report {r}");

        Assert.Equal(42, result);
        if (!slow) { Assert.Empty(logs.Entries); return; }
        var (level, message) = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Matches(@"^Reconciler pass took \d+ ms \(over 0 ms\); it scanned 576 live resources and \d+ open requests; report 42$", message);
    }
}

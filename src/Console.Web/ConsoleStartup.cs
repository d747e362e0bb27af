using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Web;

/// <summary>
/// Migrates and seeds in the host's Starting phase, before any hosted service (Hangfire, the web
/// server) starts, so nothing is served from a database that is not ready. A failure here stops
/// the start; <see cref="StartupGuard"/> turns it into one line.
/// </summary>
internal sealed class ConsoleStartup(
    StorageInitializer storage, FirstAdmin firstAdmin, Database database, IHostApplicationLifetime lifetime, IServiceProvider services)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        SeedResult? seed = await storage.InitializeAsync(ct);
        var admin = await firstAdmin.EnsureAsync(ct);
        var anyUser = await firstAdmin.AnyUserAsync(ct);
        lifetime.ApplicationStarted.Register(() => StartupBanner.Print(services, database, seed, admin, anyUser));
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}

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
        SeedResult? seed;
        try { seed = await storage.InitializeAsync(ct); }
        catch (Npgsql.NpgsqlException e) when (e.IsTransient || e.InnerException is System.Net.Sockets.SocketException or TimeoutException)
        {
            // One line naming where (host and port, never the password), instead of a stack trace.
            throw new StartupException($"cannot reach the {database.Dialect.Describe()}: {e.Message.Split('\n')[0].Trim()}. " +
                                       "Check Storage:PostgresConnectionString and that the server is up.");
        }
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

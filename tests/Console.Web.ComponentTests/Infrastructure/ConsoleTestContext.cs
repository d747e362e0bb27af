using Bunit;
using CapacityConsole.Providers;
using CapacityConsole.Scheduler;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Auth;
using CapacityConsole.Web.Components.Shared;
using CapacityConsole.Web.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace CapacityConsole.Web.ComponentTests.Infrastructure;

/// <summary>
/// A bunit context over the real Scheduler.Core services on a fresh SQLite file seeded with the
/// demo data (topology with IDC host classes, services, budgets, users). Jobs go to an in-memory
/// Hangfire storage that no server processes, so nothing runs behind the test's back.
/// </summary>
public abstract class ConsoleTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("cc-bunit-").FullName;
    private readonly IHost _core;

    protected IServiceProvider Core => _core.Services;

    // bunit waits 1 s by default for a re-render; with the whole suite on 2 busy cores a field's
    // validation render came later than that (NewRequestTests.Cores_OutOfRange failed with one check).
    static ConsoleTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected ConsoleTestContext()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Demo:Password"] = "component-test-password",
        });
        builder.AddSchedulerCore();
        builder.AddProviders();
        builder.Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(new InMemoryStorage()));
        builder.Services.AddSingleton<HangfireJobScheduler>();
        builder.Services.AddSingleton<IJobScheduler>(sp => sp.GetRequiredService<HangfireJobScheduler>());
        builder.Services.AddSingleton<CapacityConsole.Scheduler.Failover.IFailoverJobs>(sp => sp.GetRequiredService<HangfireJobScheduler>());
        _core = builder.Build();
        _core.Services.GetRequiredService<StorageInitializer>().InitializeAsync().GetAwaiter().GetResult();

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // The console's real policies instead of bunit's placeholder authorization.
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();
        Services.AddAuthorizationCore(Policies.Add);
        // The fallback provider answers the page's own injections; services built in bunit's container get theirs here.
        Services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<AuthenticationStateProvider>(), _core.Services.GetRequiredService<UserRepository>()));
        Services.AddFallbackServiceProvider(_core.Services);
    }

    protected void SignIn(string userName, Role roles) =>
        Services.AddSingleton<AuthenticationStateProvider>(new SignedInUser(userName, roles));

    protected T Get<T>() where T : notnull => _core.Services.GetRequiredService<T>();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services dispose only asynchronously, so the context is disposed here (xunit's later Dispose is a no-op).</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _core.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}

using System.Net.Http.Headers;
using CapacityConsole.Web.Hosting;
using CapacityConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>
/// The console in memory on its own SQLite file, seeded with the demo, but quiet: no Hangfire
/// server and no recurring jobs, so the only writes to the database are the ones a test makes
/// through the API. Jobs that approval schedules are queued and never run.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<CapacityConsole.Web.Components.App>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("cc-api-").FullName;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production, not Development: the framework's defaults differ there (a body that fails to
        // bind is an empty 400 unless the app says otherwise), and production is what clients meet.
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:Password", ConsoleFactory.DemoPassword);
        // Outside Development the demo is off unless configured on (issue 10); these tests want its data.
        builder.UseSetting("Demo:Enabled", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            foreach (var background in services.Where(IsBackgroundWork).ToList()) services.Remove(background);
        });
    }

    /// <summary>Hosted services that may write on their own: everything but migration/seeding and the emulator.</summary>
    internal static bool IsBackgroundWork(ServiceDescriptor d)
    {
        if (d.ServiceType != typeof(IHostedService)) return false;
        var type = d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ImplementationFactory?.Method.ReturnType;
        if (type is null) return false;
        if (type == typeof(ConsoleStartup) || type == typeof(EmbeddedEcsEmulator)) return false;
        var ns = type.Namespace ?? "";
        return ns.StartsWith("Hangfire", StringComparison.Ordinal) || ns.StartsWith("CapacityConsole", StringComparison.Ordinal);
    }

    public Task<HttpClient> SignInAsync(string userName) => SignedInClient.CreateAsync(this, userName);

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient WithBearer(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient WithApiKeyHeader(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TempFolder.DeleteAsync(DataDirectory);
    }
}

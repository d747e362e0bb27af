using System.Net;
using System.Net.Http.Json;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Tests.Api;
using CapacityConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Startup;

/// <summary>The console started outside Development with nothing but a first admin configured.</summary>
public sealed class ProductionFactory : WebApplicationFactory<CapacityConsole.Web.Components.App>
{
    public const string FirstAdminPassword = "first-admin-once-only";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("cc-prod-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("FirstAdmin:UserName", "root");
        builder.UseSetting("FirstAdmin:Password", FirstAdminPassword);
        builder.ConfigureTestServices(services =>
        {
            foreach (var background in services.Where(ApiFactory.IsBackgroundWork).ToList()) services.Remove(background);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TempFolder.DeleteAsync(DataDirectory);
    }
}

/// <summary>Issue 10 item 4: outside Development no demo sign-ins or data; the first admin comes from configuration.</summary>
public sealed class ProductionDefaultsTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task NoDemoUserCanSignIn_ButTheConfiguredFirstAdminCan()
    {
        foreach (var demo in new[] { "admin", "planner", "viewer" })
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var refused = await SignedInClient.PostSignInAsync(client, demo, ConsoleFactory.DemoPassword);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("The user name or password is wrong.", await refused.Content.ReadAsStringAsync());
        }

        var root = await SignedInClient.CreateAsync(factory, "root", ProductionFactory.FirstAdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/api/v1/api-keys")).StatusCode);
        var users = (await factory.Services.GetRequiredService<Scheduler.Access.UserRepository>().PageAsync(null, Scheduler.Storage.PageRequest.First())).Items;
        Assert.Equal(["root"], users.Select(u => u.UserName));
        Assert.Empty((await ApiCalls.OkJsonAsync(await root.GetAsync("/api/v1/budgets"))).EnumerateArray());
    }

    [Fact]
    public void TheBanner_SaysTheMode_AndThatTheFirstAdminPasswordWasForOnce()
    {
        var lines = string.Join("\n", StartupBanner.Lines(factory.Services, factory.Services.GetRequiredService<Database>(), null, "root", anyUser: true));
        Assert.Contains("Mode:      Production", lines);
        Assert.Contains("demo data and sign-ins off", lines);
        Assert.Contains("demo flash sale off", lines);
        Assert.Contains("First admin 'root' created", lines);
        Assert.Contains("Key ring:  in keys/ beside the SQLite file, not encrypted (set DataProtection:Certificate to encrypt it)", lines);

        var empty = string.Join("\n", StartupBanner.Lines(factory.Services, factory.Services.GetRequiredService<Database>(), null, null, anyUser: false));
        Assert.Contains("No user can sign in yet: set FirstAdmin:UserName and FirstAdmin:Password", empty);
    }

    [Fact]
    public async Task TheFirstAdminStep_CreatesNothingOnceAnAdminExists()
    {
        // What every later start does: the configured password is not applied again.
        var repository = factory.Services.GetRequiredService<Scheduler.Access.UserRepository>();
        var before = (await repository.FindAsync("root"))!.PasswordHash;
        Assert.Null(await factory.Services.GetRequiredService<Scheduler.Access.FirstAdmin>().EnsureAsync());
        Assert.Equal(before, (await repository.FindAsync("root"))!.PasswordHash);
        Assert.Single((await repository.PageAsync(null, Scheduler.Storage.PageRequest.First())).Items);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CapacityConsole.Web.Tests.Infrastructure;

/// <summary>
/// The whole console in memory on a fresh SQLite file in its own temp folder, seeded with the demo
/// data and a known demo password.
/// </summary>
public sealed class ConsoleFactory : WebApplicationFactory<CapacityConsole.Web.Components.App>
{
    public const string DemoPassword = "test-demo-password";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("cc-web-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:Password", DemoPassword);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TempFolder.DeleteAsync(DataDirectory);
    }
}

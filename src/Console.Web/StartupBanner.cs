using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CapacityConsole.Web;

/// <summary>
/// Tells a newcomer where the console is and how to sign in. A generated demo password is printed
/// here once, at the first start that created the users; it is stored nowhere but as a hash.
/// </summary>
internal static class StartupBanner
{
    public static void Print(IServiceProvider services, Database database, SeedResult? seed)
    {
        var urls = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string>
        {
            "",
            "CapacityConsole is running.",
            $"  Open:      {string.Join("  ", urls)}",
            $"  Database:  {database.Dialect.Describe()}",
            "  Jobs:      /hangfire (admins)   Health: /healthz   API: /scalar (browse), /openapi/v1.json",
        };
        if (services.GetService<Hosting.EmbeddedEcsEmulator>()?.BaseAddress is { } ecs)
            lines.Add($"  Alibaba Cloud: the ECS emulator on {ecs} (embedded default; set Providers:AlibabaCloud:Endpoint for the real one)");
        if (seed is { CreatedUsers.Count: > 0 })
        {
            lines.Add($"  Demo sign-ins created: {string.Join(", ", seed.CreatedUsers)}");
            lines.Add(seed.GeneratedPassword is { } p
                ? $"  Their password (shown this once; set Demo:Password to choose your own): {p}"
                : "  Their password is the configured Demo:Password.");
        }
        else if (seed is not null)
        {
            lines.Add($"  Demo sign-ins: {string.Join(", ", DemoUsers.All.Select(u => u.UserName))} " +
                      "(password as printed at first start, or your Demo:Password)");
        }
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}

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
    public static void Print(IServiceProvider services, Database database, SeedResult? seed, string? firstAdmin, bool anyUser) =>
        Console.WriteLine(string.Join(Environment.NewLine, Lines(services, database, seed, firstAdmin, anyUser)) + Environment.NewLine);

    internal static IReadOnlyList<string> Lines(IServiceProvider services, Database database, SeedResult? seed, string? firstAdmin, bool anyUser)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var demo = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value;
        var urls = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string>
        {
            "",
            "CapacityConsole is running.",
            // Says which defaults apply: Development seeds the demo; anything else starts empty and safe.
            $"  Mode:      {environment.EnvironmentName} — demo data and sign-ins {(demo.Enabled ? "ON" : "off")}, demo flash sale " +
            $"{(demo.Enabled && demo.FlashSale ? "ON" : "off")}{(environment.IsDevelopment() ? "" : " (set Demo:Enabled=true to turn the demo on)")}",
            $"  Open:      {string.Join("  ", urls)}",
            $"  Database:  {database.Dialect.Describe()}",
            $"  Key ring:  {services.GetRequiredService<Hosting.KeyRingProtection>().Describe()}",
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
        if (firstAdmin is not null)
            lines.Add($"  First admin '{firstAdmin}' created from FirstAdmin:UserName/Password. That password was for this once: " +
                      "change it on the Admin page and remove FirstAdmin:Password from the configuration.");
        else if (!anyUser)
            lines.Add("  No user can sign in yet: set FirstAdmin:UserName and FirstAdmin:Password (at least 12 characters) and restart.");
        return lines;
    }
}

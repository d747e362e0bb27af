using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CapacityConsole.EcsEmulator.Options;
using DemoTopology = CapacityConsole.Scheduler.Seeding.DemoTopology;
using CapacityConsole.Providers;

namespace CapacityConsole.Web.Hosting;

public static class AlibabaCloudSetup
{
    /// <summary>
    /// Registers the real ECS client. With no Providers:AlibabaCloud:Endpoint configured (the
    /// embedded default) it also runs the ECS emulator on loopback, selling in the demo's cloud
    /// zones, and points the client at it with a key pair made for this run; EcsEmulator:Enabled=false
    /// turns that off.
    /// </summary>
    public static WebApplicationBuilder AddAlibabaCloud(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Providers:AlibabaCloud:Endpoint"];
        if (!string.IsNullOrWhiteSpace(configured) || !builder.Configuration.GetValue("EcsEmulator:Enabled", true))
        {
            builder.AddAlibabaCloudEcs();
            return builder;
        }

        var emulator = builder.Configuration.GetSection(EcsEmulatorOptions.SectionName).Get<EcsEmulatorOptions>() ?? new EcsEmulatorOptions();
        if (emulator.Regions.Count == 0) emulator.Regions = EcsEmulator.Options.DemoTopology.For(DemoTopology.CloudZones);
        // The emulated cloud lives as long as the data it belongs to: its state sits next to the SQLite
        // file, so a console restart (even after kill -9) finds the instances its tables record.
        emulator.StateFile ??= Path.Combine(
            Scheduler.Storage.DataDirectory.Resolve(builder.Configuration["Storage:DataDirectory"], builder.Environment.ContentRootPath), "ecs-emulator-state.json");
        // The client's options are validated before hosted services start, so port and keys are fixed now.
        if (emulator.Port == 0) emulator.Port = FreeLoopbackPort();
        if (emulator.Credentials.Count == 0)
            emulator.Credentials.Add(new EmulatorCredential
            {
                AccessKeyId = "EMU" + RandomNumberGenerator.GetHexString(16),
                AccessKeySecret = RandomNumberGenerator.GetHexString(32),
            });
        var key = emulator.Credentials[0];

        builder.Services.AddSingleton(sp => new EmbeddedEcsEmulator(emulator, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedEcsEmulator>());
        builder.AddAlibabaCloudEcs(o =>
        {
            o.Endpoint = new Uri($"http://127.0.0.1:{emulator.Port}/");
            o.AccessKeyId = key.AccessKeyId;
            o.AccessKeySecret = key.AccessKeySecret;
            o.Regions = [.. emulator.Regions.Select(r => r.RegionId)];
        });
        return builder;
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

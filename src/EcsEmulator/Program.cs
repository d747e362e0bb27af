using CapacityConsole.EcsEmulator.State;
using System.Net;
using CapacityConsole.EcsEmulator;
using CapacityConsole.EcsEmulator.Options;

// Standalone: dotnet run --project src/EcsEmulator [-- --urls http://127.0.0.1:5900]
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(EcsEmulatorOptions.SectionName).Get<EcsEmulatorOptions>() ?? new EcsEmulatorOptions();
EcsEmulatorApp.ApplyDefaults(options);
if (options.Credentials.Count == 0
    && Environment.GetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID") is { Length: > 0 } ak
    && Environment.GetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET") is { Length: > 0 } secret)
{
    // The same variables the client reads, so one export drives both sides.
    options.Credentials.Add(new EmulatorCredential { AccessKeyId = ak, AccessKeySecret = secret });
}
if (options.Credentials.Count == 0)
{
    Console.Error.WriteLine("No credentials: set EcsEmulator__Credentials__0__AccessKeyId / __AccessKeySecret, "
        + "or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.");
    return 2;
}
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port == 0 ? 5900 : options.Port));

var app = EcsEmulatorApp.Build(builder, options, TimeProvider.System);
try
{
    await EcsEmulatorApp.LoadStateIfPresentAsync(app, options, CancellationToken.None);
}
catch (StateFileException e)
{
    // One clear line, and no save at exit: the file stays as it was for the operator to look at.
    Console.Error.WriteLine(e.Message);
    return 3;
}
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
    $"ECS emulator on {string.Join(", ", app.Urls)}; regions {string.Join(", ", options.Regions.Select(r => r.RegionId))}; "
    + $"AccessKeyIds {string.Join(", ", options.Credentials.Select(c => c.AccessKeyId))}"
    + (options.StateFile is null ? "" : $"; state file {Path.GetFullPath(options.StateFile)}")));
var saveAtShutdown = EcsEmulatorApp.SaveStateAtShutdown(app, options);
await app.RunAsync();
await saveAtShutdown(CancellationToken.None);
return 0;

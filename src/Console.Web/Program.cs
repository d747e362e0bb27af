using CapacityConsole.Providers;
using CapacityConsole.Scheduler;
using CapacityConsole.Web;
using CapacityConsole.Web.Hosting;

// Before anything rents a buffer: the shared pool reads its limit once (see SharedBufferPool).
SharedBufferPool.Configure();

// Start-up failures that the operator must fix (a bad setting, an unwritable data folder, a
// database newer than the code) end the process with one clear line instead of a stack trace.
return await StartupGuard.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSchedulerCore();
    builder.AddProviders();
    builder.AddAlibabaCloud();
    builder.AddConsoleWeb();

    var app = builder.Build();
    app.UseConsoleWeb();
    app.MapConsoleEndpoints();
    await app.RunAsync();
});

public partial class Program { }

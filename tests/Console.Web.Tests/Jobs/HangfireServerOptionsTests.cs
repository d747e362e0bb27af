using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Jobs;
using Hangfire;

namespace CapacityConsole.Web.Tests.Jobs;

public sealed class HangfireServerOptionsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void DelayedJobs_AreLookedFor_AtTheBootPollInterval_NotHangfiresFifteenSeconds(int seconds)
    {
        var server = new BackgroundJobServerOptions();
        Assert.Equal(TimeSpan.FromSeconds(15), server.SchedulePollingInterval); // Hangfire's default, the one issue 12 measured

        HangfireSetup.ConfigureServer(server, new SchedulingOptions { BootPollInterval = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(TimeSpan.FromSeconds(seconds), server.SchedulePollingInterval);
        Assert.True(server.WorkerCount >= 4);
    }
}

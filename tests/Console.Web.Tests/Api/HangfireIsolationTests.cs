using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>
/// Hangfire keeps process-wide statics (JobStorage.Current, JobActivator.Current); the test run builds
/// many hosts in one process, in parallel. Each host must keep its own storage whatever the statics say,
/// and disposing one host must not dispose another's storage.
/// </summary>
public sealed class HangfireIsolationTests
{
    [Fact]
    public async Task TwoHostsInOneProcess_EachKeepTheirOwnJobStorage()
    {
        await using var second = new ApiFactory();
        JobStorage mine;
        await using (var first = new ApiFactory())
        {
            // The first host configures Hangfire, then the second does (JobStorage.Current is now the
            // second's), then the first asks for its storage.
            first.Services.GetRequiredService<IGlobalConfiguration>();
            var theirs = second.Services.GetRequiredService<JobStorage>();
            mine = first.Services.GetRequiredService<JobStorage>();
            Assert.NotSame(theirs, mine);
        }

        // The first host is gone, with its storage; the second still enqueues into its own.
        Assert.NotSame(mine, second.Services.GetRequiredService<JobStorage>());
        var id = second.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => NoopJob.Run());
        Assert.NotNull(second.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id));
    }
}

public static class NoopJob
{
    public static void Run() { }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>The bad-input walk's "nothing changed" only means something if nothing else writes meanwhile.</summary>
public sealed class ApiFactoryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void QuietHost_RunsNoHangfireServerAndRegistersNoJobs()
    {
        var hosted = factory.Services.GetServices<IHostedService>().Select(h => h.GetType()).ToList();
        Assert.Contains(hosted, t => t.Name == "ConsoleStartup");
        Assert.DoesNotContain(hosted, t => t.Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(hosted, t => t.Name == "JobRegistration");
    }
}

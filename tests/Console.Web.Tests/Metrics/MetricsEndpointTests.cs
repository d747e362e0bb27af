using System.Net;
using System.Net.Http.Json;
using CapacityConsole.Web.Tests.Api;
using CapacityConsole.Web.Tests.Infrastructure;

namespace CapacityConsole.Web.Tests.Metrics;

/// <summary>
/// /metrics without a session answers only the allowed networks (loopback by default). The in-memory
/// test server's requests carry no remote address, so they stand for a caller from outside; the
/// loopback scrape is covered by the two-instance test against real processes.
/// </summary>
[Collection(MetricsScrapeCollection.Name)]
public sealed class MetricsEndpointTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Scrape_FromOutsideTheAllowedNetworks_WithoutASession_Is403()
    {
        var response = await factory.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Metrics:AllowedNetworks", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scrape_ByASignedInAdmin_IsPrometheusText()
    {
        using var sdk = new OpenTelemetrySdkEvents();
        var admin = await SignedInClient.CreateAsync(factory, "admin");

        var response = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        // The domain gauges were missing from a scrape taken while no resource was held: a failing
        // observable callback (DomainFiguresSuite). The SDK's own warnings say why if it recurs.
        Assert.True(text.Contains("# TYPE capacity_budget_committed gauge"),
            $"No domain gauges. OpenTelemetry SDK said: {sdk.Text}\nScrape ({text.Length} chars): {string.Join(' ', text.Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)))}");
        Assert.Contains("capacity_budget_committed{", text);
    }

    [Fact]
    public async Task Scrape_BySignedInViewer_FromOutside_Is403()
    {
        var viewer = await SignedInClient.CreateAsync(factory, "viewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Scrape_AfterPlanPreviews_ShowsThePlannerDuration_ByOutcome()
    {
        var owner = await SignedInClient.CreateAsync(factory, "owner");
        await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 960)));
        await ApiCalls.OkJsonAsync(await owner.PostAsJsonAsync("/api/v1/plans/preview", ApiCalls.NewRequest(cores: 1_500_000)));
        var admin = await SignedInClient.CreateAsync(factory, "admin");

        var text = await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync();

        var counts = text.Split('\n').Where(l => l.StartsWith("capacity_planner_duration_seconds_count{", StringComparison.Ordinal)).ToList();
        Assert.Contains(counts, l => l.Contains("operation=\"plan\"") && l.Contains("outcome=\"complete\""));
        Assert.Contains(counts, l => l.Contains("operation=\"plan\"") && l.Contains("outcome=\"short\""));
    }
}

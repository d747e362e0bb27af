using System.Net;
using System.Text.Json;
using CapacityConsole.Web.EndToEnd.Infrastructure;

namespace CapacityConsole.Web.EndToEnd.TwoInstances;

/// <summary>
/// Issue 11 "jobs run once": with two instances sharing Hangfire's PostgreSQL storage, a request
/// approved on one is pre-warmed once and released once, although each instance's reconciler sees
/// it due (the clocks of both move) — the emulator's journal shows every ClientToken once.
/// </summary>
[Collection(TwoConsolesCollection.Name)]
public sealed class JobsRunOnceTests(TwoConsoles consoles)
{
    private const string Password = ConsoleServer.DemoPassword;
    private static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001"); // DemoBudgets: Approved, CC-TRADE

    [Fact]
    public async Task RequestApprovedWithTwoInstances_IsPrewarmedOnce_AndReleasedOnce()
    {
        // The pair's other tests provision too (VanishedCapacityTests): only this test's calls count.
        var earlier = consoles.Ecs.RunInstancesCalls.Count;
        using var owner = new ConsoleClient();
        await owner.SignInAsync(consoles.A.BaseUrl, "owner", Password);
        using var planner = new ConsoleClient();
        await planner.SignInAsync(consoles.B.BaseUrl, "planner", Password);

        var start = DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(10);
        var filed = await owner.PostJsonAsync(consoles.A.BaseUrl, "/api/v1/requests?submit=true", new
        {
            serviceId = "order-submit", cores = 1600, regionId = "cn-beijing", internalZoneIds = Array.Empty<string>(),
            windowStart = new DateTimeOffset(start, TimeSpan.Zero), windowEnd = new DateTimeOffset(start.AddHours(4), TimeSpan.Zero),
            prewarmLead = "00:30:00", budgetId = FlashSaleBudget, justification = "Two instances, one pre-warm.", survivableShare = 1.0m,
        }, HttpStatusCode.Created);
        var id = filed.GetProperty("id").GetGuid();
        var approved = await planner.PostJsonAsync(consoles.B.BaseUrl, $"/api/v1/approvals/{id}/approve", new { comment = "Go." });
        Assert.Equal("Scheduled", approved.GetProperty("state").GetString());

        // Past the pre-warm time on both instances: each one's reconciler finds the pre-warm due.
        var prewarmAt = approved.GetProperty("windowStart").GetDateTimeOffset() - TimeSpan.FromMinutes(30);
        await consoles.AdvanceClocksAsync(MinutesUntil(prewarmAt) + 1);
        await consoles.WaitForStateAsync(id, "Active");

        var calls = consoles.Ecs.RunInstancesCalls.Skip(earlier).ToList();
        Assert.NotEmpty(calls); // the plan uses the cloud: 1,600 cores are more than the IDC has free in the window
        Assert.All(calls, c => Assert.False(string.IsNullOrEmpty(c.ClientToken)));
        var repeated = calls.GroupBy(c => c.ClientToken).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(repeated.Count == 0, $"ClientTokens sent more than once: {string.Join(", ", repeated)}");
        Assert.DoesNotContain(calls, c => c.Replayed);
        var created = calls.SelectMany(c => c.CreatedIds).ToHashSet();
        Assert.Equal(created.Count, consoles.Ecs.Instances.Count(i => created.Contains(i.InstanceId)));

        // Prometheus (on loopback, no session) finds the run's figures on the instances: batches
        // sent through the metered provider port, the request Active, its cloud cores held.
        var scrapes = new[] { await ScrapeAsync(consoles.A.BaseUrl), await ScrapeAsync(consoles.B.BaseUrl) };
        Assert.True(scrapes.Sum(m => m.Sum("capacity_batches_sent_total", "provider=\"AlibabaCloud\"")) >= 1, scrapes[0].Text);
        Assert.True(scrapes.Sum(m => m.Sum("capacity_provider_calls_total", "action=\"provision\"", "outcome=\"ok\"")) >= 1);
        Assert.True(scrapes.Sum(m => m.Sum("capacity_provider_call_duration_seconds_count", "action=\"provision\"")) >= 1);
        foreach (var metrics in scrapes) // the gauges read the shared tables: both instances report them
        {
            Assert.True(metrics.Sum("capacity_requests", "state=\"Active\"") >= 1, metrics.Text);
            Assert.True(metrics.Sum("capacity_cores_held", "provider=\"AlibabaCloud\"") > 0, metrics.Text);
            Assert.True(metrics.Sum("capacity_budget_committed", "cost_center=\"CC-TRADE\"") > 0, metrics.Text);
            Assert.Contains("http_server_request_duration_seconds", metrics.Text);
        }

        // Past the window's end: released once, nothing left in the cloud, no further RunInstances.
        var windowEnd = approved.GetProperty("windowEnd").GetDateTimeOffset();
        await consoles.AdvanceClocksAsync(MinutesUntil(windowEnd) + 20);
        await consoles.WaitForStateAsync(id, "Released");
        Assert.DoesNotContain(consoles.Ecs.Instances, i => created.Contains(i.InstanceId));
        Assert.Equal(earlier + calls.Count, consoles.Ecs.RunInstancesCalls.Count);
        using var viewer = new ConsoleClient(); // the clocks moved days: earlier sign-ins have expired
        await viewer.SignInAsync(consoles.A.BaseUrl, "viewer", Password);
        var audit = await viewer.GetJsonAsync(consoles.A.BaseUrl, $"/api/v1/audit?entity=CoreQuotaRequest&id={id}");
        var released = audit.EnumerateArray().Count(e => e.GetProperty("after").GetString()?.Contains("Released", StringComparison.Ordinal) == true);
        Assert.True(released == 1, $"Released {released} times: {audit}");
    }

    /// <summary>Minutes from the consoles' (moved) now to <paramref name="at"/>, as moved by the test.</summary>
    private int MinutesUntil(DateTimeOffset at) =>
        (int)Math.Ceiling((at - (DateTimeOffset.UtcNow + consoles.ClockOffset)).TotalMinutes);

    private static async Task<PrometheusText> ScrapeAsync(Uri instance)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(instance, "/metrics"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}: {text}");
        return new PrometheusText(text);
    }
}

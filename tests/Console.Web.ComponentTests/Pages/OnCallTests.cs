using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Pages;
using CapacityConsole.Web.ComponentTests.Infrastructure;
using MudBlazor;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>Issue 14: on-call reads one truth about zone health, and a second failover is a decision.</summary>
public sealed class OnCallTests : ConsoleTestContext
{
    private static readonly Actor OnCall = new("oncall", null, Role.OnCall | Role.Viewer);

    public OnCallTests() => SignIn("oncall", OnCall.Roles);

    private IRenderedComponent<PageHost> RenderPage()
    {
        var page = Render<PageHost>(p => p.AddChildContent<OnCall>());
        page.WaitForElement("[data-testid=zone-row][data-zone=bj-1]");
        return page;
    }

    private Task SetAsync(string zone, string? member, ZoneHealth health, string reason) =>
        Get<FailoverService>().SetHealthAsync(zone, member, health, reason, OnCall);

    private static string MemberHealth(IRenderedComponent<PageHost> page, string member) =>
        page.Find($"[data-testid=member-health][data-member={member}]").GetAttribute("data-health")!;

    [Fact]
    public async Task MemberZones_OfADownInternalZone_ShowDown()
    {
        await SetAsync("bj-1", null, ZoneHealth.Down, "Power loss in hall B");

        var page = RenderPage();

        Assert.Equal("Down", MemberHealth(page, "cn-beijing-h"));
        Assert.Equal("Down", MemberHealth(page, "cn-beijing-i"));
        Assert.Equal("Down", MemberHealth(page, "bj-idc-yizhuang"));
        Assert.Equal("Healthy", MemberHealth(page, "cn-beijing-j"));
    }

    [Fact]
    public async Task ADegradedMemberZone_ShowsItsReason()
    {
        await SetAsync("bj-2", "cn-beijing-j", ZoneHealth.Degraded, "Packet loss on the uplink");

        var page = RenderPage();

        Assert.Equal("Degraded", MemberHealth(page, "cn-beijing-j"));
        Assert.Contains("Packet loss on the uplink", page.Find("[data-testid=member-reason][data-member=cn-beijing-j]").TextContent);
    }

    // MudSelect and MudRadioGroup open popovers bunit cannot click through: their change callbacks are what a choice calls.
    private static void Fill(IRenderedComponent<PageHost> page, string zone, ZoneHealth health, string reason)
    {
        var zoneSelect = page.FindComponents<MudSelect<string>>().First();
        page.InvokeAsync(() => zoneSelect.Instance.ValueChanged.InvokeAsync(zone)).GetAwaiter().GetResult();
        var radios = page.FindComponent<MudRadioGroup<ZoneHealth>>();
        page.InvokeAsync(() => radios.Instance.ValueChanged.InvokeAsync(health)).GetAwaiter().GetResult();
        page.Find("textarea[data-testid=health-reason], [data-testid=health-reason] textarea").Input(reason);
    }

    [Fact]
    public async Task MarkingDownAZoneThatIsAlreadyDown_IsRefusedWithAMessage_AndChangesNothing()
    {
        await SetAsync("bj-1", null, ZoneHealth.Down, "Power loss in hall B");
        var page = RenderPage();
        var before = (await Get<TopologyRepository>().GetSnapshotAsync()).InternalZones.Single(z => z.Id == "bj-1");

        Fill(page, "bj-1", ZoneHealth.Down, "Clicked again by mistake");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("bj-1 is already Down", page.Find("[data-testid=health-form]").TextContent));
        var after = (await Get<TopologyRepository>().GetSnapshotAsync()).InternalZones.Single(z => z.Id == "bj-1");
        Assert.Equal((before.HealthReason, before.HealthChangedAt), (after.HealthReason, after.HealthChangedAt));
    }

    [Fact]
    public async Task AFailoverWhileAnotherZoneIsDown_AsksFirst_ThenGoesOn()
    {
        await SetAsync("bj-1", null, ZoneHealth.Down, "Power loss in hall B");
        var page = RenderPage();

        Fill(page, "bj-2", ZoneHealth.Down, "Fire alarm in Jiuxianqiao");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("bj-1 is already Down", page.Find("[data-testid=second-failover]").TextContent));
        Assert.Equal("Confirm second failover", page.Find("[data-testid=health-apply]").TextContent.Trim());
        Assert.Equal(ZoneHealth.Healthy, (await Get<TopologyRepository>().GetSnapshotAsync()).InternalZones.Single(z => z.Id == "bj-2").Health);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("bj-2: Healthy → Down", page.Find("[data-testid=failover-result]").TextContent));
        Assert.Equal(ZoneHealth.Down, (await Get<TopologyRepository>().GetSnapshotAsync()).InternalZones.Single(z => z.Id == "bj-2").Health);
    }

    [Fact]
    public void TheHealthForm_StartsOverAfterAnAction()
    {
        var page = RenderPage();

        Fill(page, "bj-3", ZoneHealth.Down, "Chiller failure, INC-4711");
        Assert.Equal("Mark Down and fail over", page.Find("[data-testid=health-apply]").TextContent.Trim());
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("bj-3: Healthy → Down", page.Find("[data-testid=failover-result]").TextContent));
        Assert.Equal("Mark Degraded", page.Find("[data-testid=health-apply]").TextContent.Trim());
        Assert.Equal("", page.Find("textarea[data-testid=health-reason], [data-testid=health-reason] textarea").GetAttribute("value") ?? "");
    }

    /// <summary>What the reconciler publishes for units gone at the provider: the alert, then the request's progress at once.</summary>
    private void Vanish(Guid requestId, int cores)
    {
        var live = Get<LiveNotifier>();
        var now = Get<TimeProvider>().GetUtcNow();
        live.Publish(new CapacityVanished(requestId, "order-submit", 1, cores, ["cn-beijing-h"], now));
        live.Publish(new RequestProgressed(requestId, RequestState.Active, 0, 640, "Vanished: replacing them.", now));
    }

    [Fact]
    public void VanishedCapacity_RaisesAnAlert_ThoughTheRequestsProgressFollowsAtOnce()
    {
        var page = RenderPage();

        Vanish(Guid.NewGuid(), 32);

        page.WaitForAssertion(() => Assert.Matches(@"Order submission: 32 cores \(1 units\) vanished in\s+cn-beijing-h", page.Find("[data-testid=vanished-alert]").TextContent));
    }

    [Fact]
    public void VanishedAlerts_ShowTheNewestFew_CountTheRest_AndCanBeDismissed()
    {
        var page = RenderPage();

        for (var i = 1; i <= 8; i++) Vanish(Guid.NewGuid(), 32 * i); // five are shown at once

        page.WaitForAssertion(() => Assert.Contains("3 earlier vanished-capacity alerts", page.Find("[data-testid=vanished-earlier]").TextContent));
        var shown = page.FindAll("[data-testid=vanished-alert]");
        Assert.Equal(5, shown.Count);
        Assert.Contains("256 cores", shown[0].TextContent); // newest first

        // Find (not FindAll) follows a re-render, e.g. the reload the requests' progress still causes.
        page.Find("[data-testid=vanished-alert] .mud-alert-close button").Click();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=vanished-alert]").Count));
        page.Find("[data-testid=vanished-earlier] .mud-alert-close button").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=vanished-earlier]")));
    }
}

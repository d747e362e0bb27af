using Bunit;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CapacityConsole.Web.ComponentTests.Live;

/// <summary>
/// Issue 15: a dashboard re-renders on every live update and hands its zone cards and request lists
/// new objects each time; they render again only when what they show changed.
/// </summary>
public sealed class RenderOnlyWhenChangedTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public RenderOnlyWhenChangedTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services dispose only asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private static InternalZoneOverview Zone(ZoneHealth health, string? reason) => new(
        new InternalZone("sh-3", "cn-shanghai", "Shanghai 3", health, reason, At),
        [new MemberZoneOverview(new MemberZone("sh-idc", "sh-3", ProviderKind.Idc, "Hall", ZoneHealth.Healthy), 2, new CoreCapacity(96, 0))]);

    [Fact]
    public void ZoneCard_RendersAgainOnlyWhenTheZoneChanged()
    {
        var card = Render<ZoneCard>(p => p.Add(c => c.Zone, Zone(ZoneHealth.Degraded, "fans")).Add(c => c.Scale, DashboardGlance.Empty));
        var renders = card.RenderCount;

        card.Render(p => p.Add(c => c.Zone, Zone(ZoneHealth.Degraded, "fans")).Add(c => c.Scale, DashboardGlance.Empty)); // equal, new objects
        Assert.Equal(renders, card.RenderCount);

        card.Render(p => p.Add(c => c.Zone, Zone(ZoneHealth.Degraded, "smoke")).Add(c => c.Scale, DashboardGlance.Empty));
        Assert.True(card.RenderCount > renders); // bunit counts the card's children's renders too
        Assert.Equal("smoke", card.Find("[data-testid=health-reason]").TextContent.Trim());
    }

    [Fact]
    public void RequestGlance_RendersAgainWhenItsListWasReRead_NotWhenItIsTheSameList()
    {
        IReadOnlyList<CoreQuotaRequest> none = [];
        var services = new Dictionary<string, string>();
        var glance = Render<RequestGlance>(p => p.Add(g => g.Requests, none).Add(g => g.Services, services));
        var renders = glance.RenderCount;

        glance.Render(p => p.Add(g => g.Requests, none).Add(g => g.Services, services));
        Assert.Equal(renders, glance.RenderCount);

        glance.Render(p => p.Add(g => g.Requests, new List<CoreQuotaRequest>()).Add(g => g.Services, services).Add(g => g.Empty, "Nothing waiting."));
        Assert.True(glance.RenderCount > renders);
        Assert.Contains("Nothing waiting.", glance.Markup, StringComparison.Ordinal);
    }
}

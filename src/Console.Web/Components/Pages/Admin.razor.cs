using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

/// <summary>
/// The admin page: read-only topology and offerings (a page at a time, searched in the snapshot);
/// services, users and API keys are managed by their own tab components, which report changes so the
/// tab titles' counts stay right. Every table pages, so the page stays small however long the lists grow.
/// </summary>
public partial class Admin
{
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private UserRepository Users { get; set; } = default!;
    [Inject] private ApiKeyService Keys { get; set; } = default!;

    private TopologySnapshot? _topology;
    private SearchedPages<Offering> _offerings = default!;
    private bool _onlyUsable;
    private string _serviceCount = "";
    private string _userCount = "";
    private string _activeKeyCount = "";

    protected override async Task OnInitializedAsync()
    {
        _topology = await Topology.GetSnapshotAsync();
        _offerings = new((search, page) =>
            Task.FromResult(Page<Offering>.Slice(new OfferingFilter(Search: search, OnlyUsable: _onlyUsable).Apply(_topology.Offerings), page)));
        await _offerings.ReloadAsync();
        await CountAsync();
    }

    private async Task CountAsync()
    {
        _serviceCount = Count(await Services.PageAsync(null, PageRequest.First(1)));
        _userCount = Count(await Users.PageAsync(null, PageRequest.First(1)));
        _activeKeyCount = Count(await Keys.PageAsync(new ApiKeyFilter(Revoked: false), PageRequest.First(1)));
    }

    private static string Count(IPageInfo page) => $"{page.Total:N0}{(page.TotalIsLowerBound ? "+" : "")}";
}

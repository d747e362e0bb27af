using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

/// <summary>
/// The admin page: read-only topology and offerings; services, users and API keys are managed by
/// their own tab components, which report changes so the tab titles' counts stay right.
/// </summary>
public partial class Admin
{
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private UserRepository Users { get; set; } = default!;
    [Inject] private ApiKeyService Keys { get; set; } = default!;

    private TopologySnapshot? _topology;
    private string? _offeringSearch;
    private bool _onlyUsable;
    private int _serviceCount;
    private int _userCount;
    private int _activeKeyCount;

    protected override async Task OnInitializedAsync()
    {
        _topology = await Topology.GetSnapshotAsync();
        await CountAsync();
    }

    private async Task CountAsync()
    {
        _serviceCount = (await Services.ListAsync()).Count;
        _userCount = (await Users.ListAsync()).Count;
        _activeKeyCount = (await Keys.ListAsync()).Count(k => !k.IsRevoked);
    }

    private IEnumerable<Offering> Offerings => (_topology?.Offerings ?? []).Where(o =>
        (!_onlyUsable || o.IsUsable) &&
        (string.IsNullOrWhiteSpace(_offeringSearch) ||
         o.MemberZoneId.Contains(_offeringSearch, StringComparison.OrdinalIgnoreCase) ||
         o.InstanceType.Contains(_offeringSearch, StringComparison.OrdinalIgnoreCase)));
}

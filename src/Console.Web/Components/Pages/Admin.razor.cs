using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class Admin
{
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private UserRepository Users { get; set; } = default!;

    private TopologySnapshot? _topology;
    private IReadOnlyList<Service> _services = [];
    private IReadOnlyList<User> _users = [];
    private string? _offeringSearch;
    private bool _onlyUsable;

    protected override async Task OnInitializedAsync()
    {
        _topology = await Topology.GetSnapshotAsync();
        _services = await Services.ListAsync();
        _users = await Users.ListAsync();
    }

    private IEnumerable<Offering> Offerings => (_topology?.Offerings ?? []).Where(o =>
        (!_onlyUsable || o.IsUsable) &&
        (string.IsNullOrWhiteSpace(_offeringSearch) ||
         o.MemberZoneId.Contains(_offeringSearch, StringComparison.OrdinalIgnoreCase) ||
         o.InstanceType.Contains(_offeringSearch, StringComparison.OrdinalIgnoreCase)));
}

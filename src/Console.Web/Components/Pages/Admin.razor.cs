using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CapacityConsole.Web.Components.Pages;

public partial class Admin
{
    [Inject] private TopologyRepository Topology { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private UserRepository Users { get; set; } = default!;
    [Inject] private ApiKeyService Keys { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private TopologySnapshot? _topology;
    private IReadOnlyList<Service> _services = [];
    private IReadOnlyList<User> _users = [];
    private string? _offeringSearch;
    private bool _onlyUsable;
    private IReadOnlyList<ApiKey> _keys = [];
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _topology = await Topology.GetSnapshotAsync();
        _services = await Services.ListAsync();
        _users = await Users.ListAsync();
        _keys = await Keys.ListAsync();
    }

    private async Task RevokeAsync(ApiKey key)
    {
        _busy = true;
        try
        {
            await Keys.RevokeAsync(key.Id, await User.GetActorAsync());
            Snackbar.Add($"API key '{key.Name}' revoked.", Severity.Success);
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar)) { }
        finally { _busy = false; }
        _keys = await Keys.ListAsync();
    }

    private IEnumerable<Offering> Offerings => (_topology?.Offerings ?? []).Where(o =>
        (!_onlyUsable || o.IsUsable) &&
        (string.IsNullOrWhiteSpace(_offeringSearch) ||
         o.MemberZoneId.Contains(_offeringSearch, StringComparison.OrdinalIgnoreCase) ||
         o.InstanceType.Contains(_offeringSearch, StringComparison.OrdinalIgnoreCase)));
}

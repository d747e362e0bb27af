using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class RequestList
{
    [Inject] private RequestRepository Requests { get; set; } = default!;
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;

    private IReadOnlyList<CoreQuotaRequest>? _requests;
    private IReadOnlyDictionary<string, string> _serviceNames = new Dictionary<string, string>();
    private RequestState? _state;
    private string? _service;
    private string? _search;
    private bool _mine;
    private string _me = "";

    protected override async Task OnInitializedAsync()
    {
        Watch(LiveKeys.All);
        _me = (await User.GetActorAsync()).UserName;
        _serviceNames = (await Services.ListAsync()).ToDictionary(s => s.Id, s => s.Name);
        _requests = await Requests.ListAsync();
    }

    protected override async Task OnLiveUpdateAsync(LiveUpdate update)
    {
        if (update is RequestProgressed or LiveResynced) _requests = await Requests.ListAsync();
    }

    private IEnumerable<CoreQuotaRequest> Filtered => (_requests ?? []).Where(r =>
        (_state is null || r.State == _state) &&
        (_service is null || r.ServiceId == _service) &&
        (!_mine || string.Equals(r.RequestedBy, _me, StringComparison.OrdinalIgnoreCase)) &&
        (string.IsNullOrWhiteSpace(_search) ||
         r.RegionId.Contains(_search, StringComparison.OrdinalIgnoreCase) ||
         r.RequestedBy.Contains(_search, StringComparison.OrdinalIgnoreCase) ||
         r.InternalZoneIds.Any(z => z.Contains(_search, StringComparison.OrdinalIgnoreCase))));
}

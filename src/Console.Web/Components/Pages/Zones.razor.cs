using CapacityConsole.Scheduler.Topology;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class Zones
{
    [Inject] private ZoneOverviewQuery Query { get; set; } = default!;

    private ZoneOverview? _overview;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        try { _overview = await Query.GetAsync(); }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // A database outage is shown, not swallowed; other failures are bugs and reach the error UI.
            _error = e.Message;
        }
    }
}

using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Requests;
using MudBlazor;

namespace CapacityConsole.Web.Components.Shared;

internal static class StateColours
{
    public static Color For(BudgetState state) => state switch
    {
        BudgetState.Approved => Color.Success,
        BudgetState.PendingApproval => Color.Warning,
        BudgetState.Rejected => Color.Error,
        BudgetState.Closed => Color.Dark,
        _ => Color.Default,
    };

    public static Color For(RequestState state) => state switch
    {
        RequestState.Submitted => Color.Warning,
        RequestState.Approved or RequestState.Scheduled => Color.Info,
        RequestState.Provisioning or RequestState.Releasing => Color.Primary,
        RequestState.Active => Color.Success,
        RequestState.Rejected or RequestState.Failed => Color.Error,
        RequestState.Released or RequestState.Cancelled => Color.Dark,
        _ => Color.Default,
    };

    /// <summary>States in which a request holds, or is about to hold, capacity.</summary>
    public static readonly RequestState[] InFlight =
        [RequestState.Scheduled, RequestState.Provisioning, RequestState.Active, RequestState.Releasing];
}

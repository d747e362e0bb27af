using CapacityConsole.Scheduler.Budgets;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class BudgetList
{
    [Inject] private BudgetRepository Repository { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<Budget>? _budgets;
    private string? _error;
    private BudgetState? _state;
    private string? _search;

    protected override async Task OnInitializedAsync()
    {
        try { _budgets = await Repository.ListAsync(); }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException) { _error = e.Message; }
    }

    private IEnumerable<Budget> Filtered => (_budgets ?? []).Where(b =>
        (_state is null || b.State == _state) &&
        (string.IsNullOrWhiteSpace(_search) ||
         b.Name.Contains(_search, StringComparison.OrdinalIgnoreCase) ||
         b.CostCenter.Contains(_search, StringComparison.OrdinalIgnoreCase) ||
         (b.EventName?.Contains(_search, StringComparison.OrdinalIgnoreCase) ?? false)));

    internal static double Share(decimal part, decimal whole) => whole <= 0 ? 0 : (double)Math.Min(100m, part / whole * 100m);
}

using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

/// <summary>
/// Budgets a page at a time with the state and search filters applied in the database (issue 15:
/// every list pages on the server, so the page's cost does not grow with the table).
/// </summary>
public partial class BudgetList
{
    public const int PageSize = 25;

    [Inject] private BudgetRepository Repository { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private Page<Budget>? _page;
    private string? _error;
    private BudgetState? _state;
    private string? _search;
    private int _pageNumber = 1;

    /// <summary>The rows of the current page (the markup's table reads them).</summary>
    private IReadOnlyList<Budget>? _budgets => _page?.Items;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private Task FilterChangedAsync()
    {
        _pageNumber = 1;
        return LoadAsync();
    }

    private Task PageChangedAsync(int page)
    {
        _pageNumber = page;
        return LoadAsync();
    }

    private bool Unfiltered => _state is null && string.IsNullOrWhiteSpace(_search);

    private async Task LoadAsync()
    {
        try
        {
            _page = await Repository.PageAsync(new BudgetFilter(_state, string.IsNullOrWhiteSpace(_search) ? null : _search), new PageRequest(_pageNumber, PageSize));
            _error = null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException) { _error = e.Message; }
    }

    /// <summary>The current page; filtered in the database, not here.</summary>
    private IEnumerable<Budget> Filtered => _budgets ?? [];

    internal static double Share(decimal part, decimal whole) => whole <= 0 ? 0 : (double)Math.Min(100m, part / whole * 100m);
}

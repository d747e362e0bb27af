using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CapacityConsole.Web.Components.Pages;

public partial class CreateBudget
{
    [Inject] private BudgetService Budgets { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly BudgetForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private bool _busy;

    private readonly List<BreadcrumbItem> _crumbs = [new("Budgets", "/budgets"), new("New", null, disabled: true)];

    // The domain names the period's end "PeriodEnd" as the form does; everything else matches too.
    private static readonly Dictionary<string, string> FieldMap = new() { ["PeriodStart"] = nameof(BudgetForm.PeriodStart) };

    protected override void OnInitialized()
    {
        var today = Clock.GetUtcNow().UtcDateTime.Date;
        _form.PeriodStart = today.ToString("yyyy-MM-dd");
        _form.PeriodEnd = today.AddDays(14).ToString("yyyy-MM-dd");
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        // A server error on a field is cleared as soon as the user edits that field.
        _edit.OnFieldChanged += (_, e) => _serverErrors.Clear(e.FieldIdentifier);
    }

    private async Task CreateAsync()
    {
        _serverErrors.Clear();
        _busy = true;
        try
        {
            var actor = await User.GetActorAsync();
            var budget = await Budgets.CreateAsync(_form.ToNewBudget(), actor.UserName);
            if (_form.SubmitForApproval) budget = await Budgets.SubmitAsync(budget.Id, actor.UserName);
            Snackbar.Add($"Budget '{budget.Name}' created ({budget.State}).", Severity.Success);
            Navigation.NavigateTo($"/budgets/{budget.Id}");
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors, FieldMap))
        {
        }
        finally { _busy = false; }
    }
}

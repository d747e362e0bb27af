using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CapacityConsole.Web.Components.Administration;

/// <summary>Create and edit services; allowed zones are picked from the topology.</summary>
public partial class ServicesTab
{
    [Inject] private ServiceRepository Services { get; set; } = default!;
    [Inject] private ServiceAdministration Administration { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<InternalZone> Zones { get; set; } = [];
    [Parameter] public EventCallback Changed { get; set; }

    private SearchedPages<Service> _services = default!;
    private ServiceForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private string? _editingId;
    private bool _formOpen;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        Open(null);
        _formOpen = false;
        _services = new((search, page) => Services.PageAsync(search, page));
        await _services.ReloadAsync();
    }

    private void Open(Service? service)
    {
        _editingId = service?.Id;
        _form = service is null ? new ServiceForm() : ServiceForm.For(service);
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        // A server error on a field is cleared as soon as the user edits that field.
        _edit.OnFieldChanged += (_, e) => _serverErrors.Clear(e.FieldIdentifier);
        _formOpen = true;
    }

    private void ToggleZone(string zoneId, bool on)
    {
        if (on) _form.AllowedInternalZoneIds.Add(zoneId); else _form.AllowedInternalZoneIds.Remove(zoneId);
        _serverErrors.Clear(_edit.Field(nameof(ServiceForm.AllowedInternalZoneIds)));
    }

    private async Task SaveAsync()
    {
        _serverErrors.Clear();
        _edit.NotifyValidationStateChanged();
        _busy = true;
        try
        {
            var actor = await User.GetActorAsync();
            var saved = _editingId is null
                ? await Administration.CreateAsync(_form.ToInput(), actor)
                : await Administration.UpdateAsync(_editingId, _form.ToInput(), actor);
            Snackbar.Add($"Service '{saved.Id}' {(_editingId is null ? "created" : "saved")}.", Severity.Success);
            _formOpen = false;
            await _services.ReloadAsync();
            await Changed.InvokeAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors)) { }
        finally { _busy = false; }
    }
}

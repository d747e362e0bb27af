using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace CapacityConsole.Web.Components.Administration;

/// <summary>Create, list and revoke service accounts' API keys; a new key's secret is shown once.</summary>
public partial class ApiKeysTab
{
    [Inject] private ApiKeyService Keys { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Parameter] public EventCallback Changed { get; set; }

    private static readonly DialogOptions SecretDialogOptions = new() { BackdropClick = false, CloseOnEscapeKey = false, MaxWidth = MaxWidth.Small, FullWidth = true };

    private SearchedPages<ApiKey> _keys = default!;
    private ApiKeyForm _form = new();
    private EditContext _edit = default!;
    private ValidationMessageStore _serverErrors = default!;
    private bool _formOpen;
    private bool _busy;
    // Held only while the dialog is open; dropped on "I have copied it" so a re-render cannot show it again.
    private CreatedApiKey? _created;

    protected override async Task OnInitializedAsync()
    {
        ResetForm();
        _keys = new((search, page) => Keys.PageAsync(new ApiKeyFilter(Search: search), page));
        await _keys.ReloadAsync();
    }

    private void ResetForm()
    {
        _form = new ApiKeyForm();
        _edit = new EditContext(_form);
        _serverErrors = new ValidationMessageStore(_edit);
        _edit.OnFieldChanged += (_, e) => _serverErrors.Clear(e.FieldIdentifier);
    }

    private void OpenForm()
    {
        ResetForm();
        _formOpen = true;
    }

    private async Task CreateAsync()
    {
        _serverErrors.Clear();
        _busy = true;
        try
        {
            _created = await Keys.CreateAsync(_form.ToNewApiKey(), await User.GetActorAsync());
            _formOpen = false;
            await _keys.GoToAsync(1); // newest first: the new key is on the first page
            await Changed.InvokeAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, _edit, _serverErrors)) { }
        finally { _busy = false; }
    }

    private async Task CopyAsync()
    {
        if (_created is null) return;
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", _created.Secret);
            Snackbar.Add("Key copied to the clipboard.", Severity.Info);
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context or a permission; the key stays selectable in the field.
            Snackbar.Add("The browser refused the clipboard; select the key and copy it by hand.", Severity.Warning);
        }
    }

    private void ForgetSecret() => _created = null;

    private async Task RevokeAsync(ApiKey key)
    {
        _busy = true;
        try
        {
            await Keys.RevokeAsync(key.Id, await User.GetActorAsync());
            Snackbar.Add($"API key '{key.Name}' revoked.", Severity.Success);
            await Changed.InvokeAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar)) { }
        finally { _busy = false; }
        await _keys.ReloadAsync();
    }
}

using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CapacityConsole.Web.Components.Administration;

/// <summary>Create local users; change a user's roles and team, disable or enable them, reset their password.</summary>
public partial class UsersTab
{
    [Inject] private UserRepository Users { get; set; } = default!;
    [Inject] private UserAdministration Administration { get; set; } = default!;
    [Inject] private CurrentUser User { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public EventCallback Changed { get; set; }

    private SearchedPages<User> _users = default!;
    private UserForm _new = new();
    private EditContext _newEdit = default!;
    private ValidationMessageStore _newErrors = default!;
    private bool _newOpen;
    private User? _selected;
    private UserChangeForm _change = new();
    private EditContext _changeEdit = default!;
    private ValidationMessageStore _changeErrors = default!;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        (_newEdit, _newErrors) = Track(_new);
        (_changeEdit, _changeErrors) = Track(_change);
        _users = new((search, page) => Users.PageAsync(search, page));
        await _users.ReloadAsync();
    }

    /// <summary>A server error on a field is cleared as soon as the user edits that field.</summary>
    private static (EditContext, ValidationMessageStore) Track(object model)
    {
        var edit = new EditContext(model);
        var store = new ValidationMessageStore(edit);
        edit.OnFieldChanged += (_, e) => store.Clear(e.FieldIdentifier);
        return (edit, store);
    }

    private void OpenNew()
    {
        _new = new UserForm();
        (_newEdit, _newErrors) = Track(_new);
        _newOpen = true;
    }

    private void Select(User user)
    {
        _selected = user;
        _change = UserChangeForm.For(user);
        (_changeEdit, _changeErrors) = Track(_change);
    }

    private Task CreateAsync() => RunAsync(_newEdit, _newErrors, async actor =>
    {
        var user = await Administration.CreateAsync(_new.ToNewUser(), actor);
        _newOpen = false;
        return $"User '{user.UserName}' created.";
    });

    private Task SaveRolesAsync() => RunAsync(_changeEdit, _changeErrors, async actor =>
    {
        var user = await Administration.SetRolesAsync(_selected!.UserName, [.. _change.Roles], _change.Team, actor);
        return $"Roles of '{user.UserName}' are now {user.Roles}.";
    });

    private Task ResetPasswordAsync() => RunAsync(_changeEdit, _changeErrors, async actor =>
    {
        var user = await Administration.ResetPasswordAsync(_selected!.UserName, _change.Password, actor);
        _change.Password = "";
        return $"Password of '{user.UserName}' reset.";
    });

    private Task SetDisabledAsync(bool disabled) => RunAsync(_changeEdit, _changeErrors, async actor =>
    {
        var user = await Administration.SetDisabledAsync(_selected!.UserName, disabled, actor);
        return $"User '{user.UserName}' {(user.Disabled ? "disabled: they can no longer sign in" : "enabled")}.";
    });

    /// <summary>Runs one change as the signed-in admin; domain errors go to the form's fields or the snackbar and nothing is kept.</summary>
    private async Task RunAsync(EditContext edit, ValidationMessageStore errors, Func<Actor, Task<string>> change)
    {
        errors.Clear();
        edit.NotifyValidationStateChanged();
        _busy = true;
        try
        {
            var done = await change(await User.GetActorAsync());
            Snackbar.Add(done, Severity.Success);
            await _users.ReloadAsync();
            if (_selected is not null) _selected = await Users.FindAsync(_selected.UserName);
            await Changed.InvokeAsync();
        }
        catch (Exception e) when (DomainErrorReporter.Show(e, Snackbar, edit, errors)) { }
        finally { _busy = false; }
    }
}

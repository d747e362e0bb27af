using CapacityConsole.Scheduler;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>
/// Shows the domain's refusals where the user looks: field errors next to the field (through the
/// form's <see cref="EditContext"/>), everything else of the domain's closed set as a snackbar.
/// Anything outside that set is a bug and is rethrown to the circuit's error UI.
/// </summary>
internal static class DomainErrorReporter
{
    /// <summary>
    /// Puts <see cref="DomainValidationException"/> field errors on the form's fields. The map turns a
    /// domain field name into the form model's property; errors without a field go to the snackbar.
    /// Returns true when the exception was shown.
    /// </summary>
    public static bool Show(Exception e, ISnackbar snackbar, EditContext? form = null, ValidationMessageStore? store = null,
        IReadOnlyDictionary<string, string>? fieldMap = null)
    {
        switch (e)
        {
            case DomainValidationException v:
                foreach (var (field, messages) in v.Errors)
                {
                    var property = fieldMap?.GetValueOrDefault(field) ?? field;
                    if (form is not null && store is not null && form.Model.GetType().GetProperty(property) is not null)
                        store.Add(form.Field(property), messages);
                    else
                        snackbar.Add(string.Join(" ", messages), Severity.Error);
                }
                form?.NotifyValidationStateChanged();
                return true;
            case ForbiddenException:
                snackbar.Add(e.Message, Severity.Error, o => o.RequireInteraction = true);
                return true;
            case ConflictException or NotFoundException or ProviderUnavailableException:
                snackbar.Add(e.Message, Severity.Warning, o => o.RequireInteraction = true);
                return true;
            default:
                return false;
        }
    }
}

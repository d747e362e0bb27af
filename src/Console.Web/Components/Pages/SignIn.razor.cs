using System.ComponentModel.DataAnnotations;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace CapacityConsole.Web.Components.Pages;

public partial class SignIn
{
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Inject] private SignInService SignInService { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm] private SignInInput? Input { get; set; }
    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    private SignInOutcome? _refused;

    protected override void OnInitialized() => Input ??= new SignInInput();

    private async Task SignInAsync()
    {
        var outcome = await SignInService.SignInAsync(HttpContext, Input!.UserName, Input.Password);
        if (outcome != SignInOutcome.SignedIn)
        {
            _refused = outcome;
            return;
        }
        Navigation.NavigateTo(SafeReturnUrl(ReturnUrl));
    }

    /// <summary>Only local paths: a crafted returnUrl must not send a signed-in user to another site.</summary>
    internal static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/zones";

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [StringLength(64, ErrorMessage = "A user name has at most 64 characters.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256)]
        public string Password { get; set; } = "";
    }
}

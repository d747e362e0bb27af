using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Access;

namespace CapacityConsole.Web.Auth.Oidc;

/// <summary>
/// Single sign-on through the platform's identity provider (OpenID Connect, authorization code with
/// PKCE). Off by default: the embedded default signs in its local demo users.
/// </summary>
public sealed class OidcOptions : IValidatableObject
{
    public const string SectionName = "Authentication:Oidc";
    public const string Scheme = "oidc";

    public bool Enabled { get; set; }

    /// <summary>The issuer, e.g. https://sso.example.com/realms/platform; its discovery document must answer at start.</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From the environment or a secret store (Authentication__Oidc__ClientSecret); never logged.</summary>
    public string? ClientSecret { get; set; }

    public List<string> Scopes { get; set; } = ["openid", "profile"];

    /// <summary>The claim whose values name the user's groups or roles at the identity provider.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Identity-provider value → console role (Planner, ServiceOwner, OnCall, Admin, Viewer). Unmapped values are ignored; everyone signed in is a Viewer.</summary>
    public Dictionary<string, string> RoleMapping { get; set; } = [];

    /// <summary>The claim that names the user's team (what a service owner may file for).</summary>
    public string TeamClaim { get; set; } = "team";

    /// <summary>The claim used as the user name in the audit trail.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (Authority is not { IsAbsoluteUri: true } authority || (authority.Scheme != Uri.UriSchemeHttps && !authority.IsLoopback))
            yield return new ValidationResult(
                $"{SectionName}:Authority must be an absolute https URL of the identity provider (http only on loopback), not '{Authority}'.",
                [nameof(Authority)]);
        if (string.IsNullOrWhiteSpace(ClientId))
            yield return new ValidationResult($"{SectionName}:ClientId is required when {SectionName}:Enabled is true.", [nameof(ClientId)]);
        foreach (var (value, role) in RoleMapping)
            if (!Enum.TryParse<Role>(role, ignoreCase: false, out var r) || r == Role.None || !Enum.IsDefined(r))
                yield return new ValidationResult(
                    $"{SectionName}:RoleMapping:{value} is '{role}'; use one of Planner, ServiceOwner, OnCall, Admin, Viewer.", [nameof(RoleMapping)]);
    }
}

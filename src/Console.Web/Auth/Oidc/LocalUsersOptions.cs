namespace CapacityConsole.Web.Auth.Oidc;

/// <summary>Whether people may sign in with a local user name and password (the demo users, break-glass admins).</summary>
public sealed class LocalUsersOptions
{
    public const string SectionName = "Authentication:LocalUsers";

    /// <summary>On by default; with single sign-on in place, turn it off so everyone goes through the identity provider.</summary>
    public bool Enabled { get; set; } = true;
}

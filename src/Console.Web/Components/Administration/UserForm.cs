using CapacityConsole.Scheduler.Access;

namespace CapacityConsole.Web.Components.Administration;

/// <summary>The new-user form; property names match <see cref="NewUser"/> so domain field errors land on them.</summary>
public sealed class UserForm
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Team { get; set; }
    public HashSet<Role> Roles { get; set; } = [];
    public string Password { get; set; } = "";

    public NewUser ToNewUser() => new(UserName, DisplayName, Team, [.. Roles], Password);
}

/// <summary>An existing user's roles and team, and a new password; names match the domain's field errors.</summary>
public sealed class UserChangeForm
{
    public string? Team { get; set; }
    public HashSet<Role> Roles { get; set; } = [];
    public string Password { get; set; } = "";

    public static UserChangeForm For(User user) => new()
    {
        Team = user.Team,
        Roles = Enum.GetValues<Role>().Where(r => r != Role.None && user.Has(r)).ToHashSet(),
    };
}

using CapacityConsole.Scheduler.Access;

namespace CapacityConsole.Web.Components.Administration;

/// <summary>The new-key form; property names match <see cref="NewApiKey"/> so domain field errors land on them.</summary>
public sealed class ApiKeyForm
{
    public string Name { get; set; } = "";
    /// <summary>The user the key is issued to and acts as.</summary>
    public string UserName { get; set; } = "";
    public HashSet<Role> Roles { get; set; } = [];

    public NewApiKey ToNewApiKey() =>
        new(Name, UserName, Roles.Count == 0 ? [] : [.. Roles]);
}

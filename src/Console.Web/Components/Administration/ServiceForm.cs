using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Web.Components.Administration;

/// <summary>The service form; property names match <see cref="ServiceInput"/> so domain field errors land on them.</summary>
public sealed class ServiceForm
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string OwnerTeam { get; set; } = "";
    public string CostCenter { get; set; } = "";
    public ServiceTier Tier { get; set; } = ServiceTier.Stateless;
    public bool CloudAllowed { get; set; } = true;
    public HashSet<string> AllowedInternalZoneIds { get; set; } = [];
    /// <summary>Not on the page yet; carried through so that an edit keeps the service's minimum unit size.</summary>
    public int MinCoresPerUnit { get; set; }

    public static ServiceForm For(Service s) => new()
    {
        Id = s.Id, Name = s.Name, OwnerTeam = s.OwnerTeam, CostCenter = s.CostCenter, Tier = s.Tier,
        CloudAllowed = s.CloudAllowed, AllowedInternalZoneIds = [.. s.AllowedInternalZoneIds], MinCoresPerUnit = s.MinCoresPerUnit,
    };

    public ServiceInput ToInput() => new(Id, Name, OwnerTeam, CostCenter, Tier, CloudAllowed, [.. AllowedInternalZoneIds], MinCoresPerUnit);
}

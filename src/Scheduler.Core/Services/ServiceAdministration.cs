using System.Text.RegularExpressions;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Services;

/// <summary>
/// Admins create and edit services. Allowed zones must exist in the topology: a typo would
/// otherwise silently leave the planner no zone to place the service in. Every change is audited.
/// </summary>
public sealed partial class ServiceAdministration(Database db, ServiceRepository services, TopologyRepository topology, AuditLog audit)
{
    private const string Entity = "Service";

    public async Task<Service> CreateAsync(ServiceInput input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var service = await ValidateAsync(input, ct);
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (!await services.InsertAsync(service, c, tx))
                throw new ConflictException($"A service with id '{service.Id}' exists already.");
            await audit.AppendAsync(c, tx, actor.UserName, Entity, service.Id, "Create", null, Snapshot(service));
        }, ct);
        return service;
    }

    public async Task<Service> UpdateAsync(string id, ServiceInput input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var after = await ValidateAsync(input with { Id = id }, ct);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var before = await services.GetForUpdateAsync(after.Id, c, tx);
            await services.UpdateAsync(after, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, Entity, after.Id, "Update", Snapshot(before), Snapshot(after));
            return after;
        }, ct);
    }

    private async Task<Service> ValidateAsync(ServiceInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var id = (input.Id ?? "").Trim().ToLowerInvariant();
        if (!IdPattern().IsMatch(id))
            errors[nameof(input.Id)] = ["An id is 2 to 40 lower-case letters, digits or '-', starting with a letter, e.g. trade-cache."];
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 80)
            errors[nameof(input.Name)] = ["Give the service a name of at most 80 characters."];
        if (string.IsNullOrWhiteSpace(input.OwnerTeam) || input.OwnerTeam.Trim().Length > 64)
            errors[nameof(input.OwnerTeam)] = ["Name the owner team (at most 64 characters)."];
        var costCenter = (input.CostCenter ?? "").Trim().ToUpperInvariant();
        if (!CostCenterPattern().IsMatch(costCenter))
            errors[nameof(input.CostCenter)] = ["A cost center is 2–40 letters, digits, '-' or '_', e.g. CC-TRADE."];
        if (!Enum.IsDefined(input.Tier))
            errors[nameof(input.Tier)] = ["The tier is HotCache or Stateless."];
        // A JSON body can carry [null]: refused with the field named, not a NullReferenceException (500).
        if ((input.AllowedInternalZoneIds ?? []).Any(z => z is null))
            errors[nameof(input.AllowedInternalZoneIds)] = ["Allowed internal zone ids cannot be null; leave the list empty for any zone."];
        var zones = (input.AllowedInternalZoneIds ?? []).OfType<string>().Select(z => z.Trim()).Where(z => z.Length > 0).Distinct().Order().ToList();
        var snapshot = await topology.GetSnapshotAsync(ct);
        var known = snapshot.InternalZones.Select(z => z.Id).ToHashSet();
        var unknown = zones.Where(z => !known.Contains(z)).ToList();
        if (unknown.Count > 0)
            errors[nameof(input.AllowedInternalZoneIds)] = [$"Unknown internal zone(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known.Order())}."];
        if (MinUnitError(input.MinCoresPerUnit, snapshot.Offerings) is { } minUnit) errors[nameof(input.MinCoresPerUnit)] = [minUnit];
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return new Service(id, input.Name.Trim(), input.OwnerTeam.Trim(), costCenter, input.Tier, input.CloudAllowed, zones)
        {
            MinCoresPerUnit = input.MinCoresPerUnit,
        };
    }

    private static object Snapshot(Service s) =>
        new { s.Name, s.OwnerTeam, s.CostCenter, Tier = s.Tier.ToString(), s.CloudAllowed, Zones = IdList.Join(s.AllowedInternalZoneIds), s.MinCoresPerUnit };

    /// <summary>
    /// A minimum unit size must be one some offering meets (issue 13's bad input): otherwise every plan
    /// of the service would be empty, found out only at the first preview.
    /// </summary>
    private static string? MinUnitError(int minCoresPerUnit, IReadOnlyList<Offering> offerings)
    {
        if (minCoresPerUnit is < 0 or > Planning.MinUnit.Max) return $"The minimum cores per unit is a whole number from 0 to {Planning.MinUnit.Max}.";
        var largest = offerings.Select(o => o.CoresPerUnit).DefaultIfEmpty(0).Max();
        return minCoresPerUnit > largest
            ? $"No offering has {minCoresPerUnit} cores per unit; the largest has {largest}. Leave it at 0 for no minimum."
            : null;
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.Has(Role.Admin)) throw new ForbiddenException($"'{actor.UserName}' is not an admin; only admins manage services.");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z0-9_-]{2,40}$")]
    private static partial Regex CostCenterPattern();
}

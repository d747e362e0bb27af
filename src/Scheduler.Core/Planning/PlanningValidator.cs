namespace CapacityConsole.Scheduler.Planning;

/// <summary>Rejects bad planning input before anything is planned, naming every wrong field.</summary>
internal static class PlanningValidator
{
    public static void Validate(PlanningInput input)
    {
        var request = input.Request;
        var errors = new Dictionary<string, string[]>();
        if (request.Cores <= 0) errors[nameof(request.Cores)] = ["Cores must be a whole number above 0."];
        if (request.SurvivableShare is <= 0 or > 1)
            errors[nameof(request.SurvivableShare)] = ["The survivable share must be above 0 and at most 1."];
        if (request.WindowEnd <= request.WindowStart)
            errors[nameof(request.WindowEnd)] = ["The window must end after it starts."];
        if (input.BudgetLeft < 0) errors[nameof(input.BudgetLeft)] = ["The budget left cannot be negative."];
        foreach (var (field, message) in PlannerOptionsValidator.Errors(input.Options)) errors[field] = [message];
        if (request.MinCoresPerUnit < 0)
            errors[nameof(request.MinCoresPerUnit)] = ["The minimum cores per unit cannot be negative."];

        var topology = input.Topology;
        if (!topology.Regions.Any(r => r.Id == request.RegionId))
            errors[nameof(request.RegionId)] = [$"Region '{request.RegionId}' is unknown."];
        else
        {
            var unknown = request.AllowedInternalZoneIds
                .Where(id => !topology.InternalZones.Any(z => z.Id == id && z.RegionId == request.RegionId))
                .ToArray();
            if (unknown.Length > 0)
                errors[nameof(request.AllowedInternalZoneIds)] =
                    [$"Unknown internal zone(s) in region '{request.RegionId}': {string.Join(", ", unknown)}."];
        }
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }
}

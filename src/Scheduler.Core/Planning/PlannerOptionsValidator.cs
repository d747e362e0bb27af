using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Refuses a planner configuration that cannot plan, at start-up (ValidateOnStart) and again for
/// every planning input, naming the field: a type limit of 0 would forbid every plan, a negative
/// overhead would plan cores nobody has. (An overhead as large as some unit only makes that unit
/// unusable; when it leaves nothing to plan, the plan's shortfall reason says so.)
/// </summary>
public sealed class PlannerOptionsValidator : IValidateOptions<PlannerOptions>
{
    public ValidateOptionsResult Validate(string? name, PlannerOptions options)
    {
        var errors = Errors(options).Select(e => $"{PlannerOptions.SectionName}:{e.Field}: {e.Message}").ToArray();
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<(string Field, string Message)> Errors(PlannerOptions o)
    {
        if (o.IdcHeadroomForHotCache is < 0 or > 1)
            yield return (nameof(o.IdcHeadroomForHotCache), "The IDC headroom must be a share between 0 and 1.");
        if (o.IdcNodeOverheadCores < 0)
            yield return (nameof(o.IdcNodeOverheadCores), "The per-node overhead cannot be negative.");
        if (o.CloudNodeOverheadCores < 0)
            yield return (nameof(o.CloudNodeOverheadCores), "The per-node overhead cannot be negative.");
        if (o.MinCoresPerUnit < 0)
            yield return (nameof(o.MinCoresPerUnit), "The minimum cores per unit cannot be negative.");
        // A unit of the smallest allowed size must keep a usable core after its overhead; otherwise the
        // minimum and the overhead contradict each other (issue 13's "overhead larger than the unit").
        if (o.MinCoresPerUnit > 0 && o.IdcNodeOverheadCores >= o.MinCoresPerUnit)
            yield return (nameof(o.IdcNodeOverheadCores), $"The per-node overhead must be less than the minimum cores per unit ({o.MinCoresPerUnit}).");
        if (o.MinCoresPerUnit > 0 && o.CloudNodeOverheadCores >= o.MinCoresPerUnit)
            yield return (nameof(o.CloudNodeOverheadCores), $"The per-node overhead must be less than the minimum cores per unit ({o.MinCoresPerUnit}).");
        if (o.MinCoresPerUnit > MinUnit.Max)
            yield return (nameof(o.MinCoresPerUnit), $"The minimum cores per unit is at most {MinUnit.Max}.");
        if (o.MaxInstanceTypesPerMemberZone is < 1)
            yield return (nameof(o.MaxInstanceTypesPerMemberZone), "The instance-type limit must be at least 1 (leave it empty for no limit).");
        if (o.AcceptedGap is < 0 or > 0.05m)
            yield return (nameof(o.AcceptedGap), "The accepted gap must be a share between 0 and 0.05.");
        if (o.TypeLimitMaxExtraCostShare < 0)
            yield return (nameof(o.TypeLimitMaxExtraCostShare), "The extra cost share cannot be negative.");
    }
}

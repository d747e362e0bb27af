using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Options;

/// <summary>
/// The host receives a ready options object (from Console.Web or from configuration), so it is
/// validated here once, DataAnnotations plus cross-field rules, before Kestrel starts.
/// </summary>
internal static class EcsEmulatorOptionsValidator
{
    public static void ThrowIfInvalid(EcsEmulatorOptions o)
    {
        var errors = new List<string>();
        Check(o, "EcsEmulator", errors);
        Check(o.RateLimits, "EcsEmulator:RateLimits", errors);
        foreach (var c in o.Credentials) Check(c, "EcsEmulator:Credentials", errors);
        foreach (var r in o.Regions)
        {
            Check(r, "EcsEmulator:Regions", errors);
            foreach (var z in r.Zones)
            {
                if (z.ZoneId.Length <= r.RegionId.Length || !z.ZoneId.StartsWith(r.RegionId, StringComparison.Ordinal))
                    errors.Add($"Zone '{z.ZoneId}' must start with its region id '{r.RegionId}'.");
                foreach (var offering in z.Offerings) Check(offering, $"EcsEmulator:{z.ZoneId}", errors);
            }
        }
        if (o.BootDelay < TimeSpan.Zero) errors.Add("EcsEmulator:BootDelay must not be negative.");
        if (o.TimestampTolerance <= TimeSpan.Zero) errors.Add("EcsEmulator:TimestampTolerance must be positive.");
        if (o.Faults.ErrorRates.Values.Any(r => r is < 0 or > 1)) errors.Add("EcsEmulator:Faults:ErrorRates must be within 0..1.");
        if (o.Faults.AddedLatency < TimeSpan.Zero || o.Faults.ActionLatency.Values.Any(l => l < TimeSpan.Zero))
            errors.Add("EcsEmulator:Faults: latencies must not be negative.");
        var zones = o.Regions.SelectMany(r => r.Zones).Select(z => z.ZoneId).ToList();
        if (zones.Count != zones.Distinct().Count()) errors.Add("EcsEmulator: zone ids must be unique.");
        if (errors.Count > 0) throw new OptionsValidationException(EcsEmulatorOptions.SectionName, typeof(EcsEmulatorOptions), errors);
    }

    private static void Check(object target, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true))
            errors.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
    }
}

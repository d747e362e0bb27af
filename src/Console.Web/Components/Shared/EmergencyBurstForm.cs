using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Failover;

namespace CapacityConsole.Web.Components.Shared;

/// <summary>The emergency-burst card's fields; the domain re-checks everything (EmergencyBurst, RequestService).</summary>
public sealed class EmergencyBurstForm
{
    [Required(ErrorMessage = "Choose the service to burst.")]
    public string? ServiceId { get; set; }

    [Required(ErrorMessage = "Say how many cores.")]
    [Range(1, 2_000_000, ErrorMessage = "Cores must be between 1 and 2,000,000.")]
    public int? Cores { get; set; }

    [Required(ErrorMessage = "Choose a region.")]
    public string? RegionId { get; set; }

    public IReadOnlyList<string> InternalZoneIds { get; set; } = [];

    [Required(ErrorMessage = "Say for how long.")]
    [Range(0.25, 168, ErrorMessage = "The burst lasts from 15 minutes to 168 hours.")]
    public double? DurationHours { get; set; } = 2;

    [Required(ErrorMessage = "Choose the budget to charge.")]
    public Guid? BudgetId { get; set; }

    [Required(ErrorMessage = "Say why the burst is needed.")]
    [StringLength(500, MinimumLength = 5, ErrorMessage = "The reason has 5 to 500 characters.")]
    public string? Reason { get; set; }

    public EmergencyBurstInput ToInput() => new(ServiceId ?? "", Cores ?? 0, RegionId ?? "", InternalZoneIds,
        TimeSpan.FromHours(DurationHours ?? 0), BudgetId ?? Guid.Empty, Reason ?? "");

    /// <summary>Domain field names that differ from this form's properties.</summary>
    public static readonly IReadOnlyDictionary<string, string> DomainFields = new Dictionary<string, string>
    {
        [nameof(EmergencyBurstInput.Duration)] = nameof(DurationHours),
        ["WindowEnd"] = nameof(DurationHours),
    };
}

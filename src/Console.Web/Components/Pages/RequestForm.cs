using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CapacityConsole.Scheduler.Requests;

namespace CapacityConsole.Web.Components.Pages;

/// <summary>
/// What the new-request form edits. Checked before anything is sent (bad input is named at its field
/// and changes nothing); the domain checks again and its field errors land on the matching properties.
/// Times are UTC, typed as "yyyy-MM-dd HH:mm" on a 24-hour clock (issue 14: the browser's datetime-local
/// picker follows the browser's locale and showed "07:00 PM" on a UTC page); the ISO "T" form is read too.
/// </summary>
public sealed class RequestForm
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    /// <summary>The console's clock, so "in the past" means the same thing here as in the domain.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    [Required(ErrorMessage = "Choose a service.")]
    public string? ServiceId { get; set; }

    [Required(ErrorMessage = "Enter how many cores are needed.")]
    [Range(1, 2_000_000, ErrorMessage = "Cores must be a whole number from 1 to 2,000,000.")]
    public int? Cores { get; set; }

    [Required(ErrorMessage = "Choose a region.")]
    public string? RegionId { get; set; }

    /// <summary>Empty means any healthy internal zone of the region.</summary>
    public IReadOnlyCollection<string> InternalZoneIds { get; set; } = [];

    // Field-level rules (not IValidatableObject, which runs only once every other field is valid), so the
    // message shows as soon as the time is entered.
    [Required(ErrorMessage = "Choose when the window starts.")]
    [CustomValidation(typeof(RequestForm), nameof(CheckWindowStart))]
    public string? WindowStart { get; set; }

    [Required(ErrorMessage = "Choose when the window ends.")]
    [CustomValidation(typeof(RequestForm), nameof(CheckWindowEnd))]
    public string? WindowEnd { get; set; }

    [Required(ErrorMessage = "Enter the pre-warm lead time in minutes.")]
    [Range(0, 10_080, ErrorMessage = "The pre-warm lead time is from 0 to 10,080 minutes (7 days).")]
    public int? PrewarmLeadMinutes { get; set; } = 30;

    [Required(ErrorMessage = "Choose a budget to charge.")]
    public Guid? BudgetId { get; set; }

    [Required(ErrorMessage = "Say why the cores are needed.")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "The justification has 10 to 2,000 characters.")]
    public string? Justification { get; set; }

    [Range(1, 100, ErrorMessage = "The survivable share is from 1 to 100 %.")]
    public int SurvivableSharePercent { get; set; } = 100;

    public static bool TryTime(string? text, out DateTimeOffset time)
    {
        var ok = DateTime.TryParseExact(text, [TimeFormat, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t);
        time = ok ? new DateTimeOffset(t, TimeSpan.Zero) : default;
        return ok;
    }

    public static ValidationResult? CheckWindowStart(string? value, ValidationContext context)
    {
        var form = (RequestForm)context.ObjectInstance;
        if (value is null) return ValidationResult.Success;
        if (!TryTime(value, out var start)) return new ValidationResult("Enter the start as a UTC date and 24-hour time, e.g. 2026-12-12 20:00.", [nameof(WindowStart)]);
        return start < form.Now() ? new ValidationResult("The window cannot start in the past.", [nameof(WindowStart)]) : ValidationResult.Success;
    }

    public static ValidationResult? CheckWindowEnd(string? value, ValidationContext context)
    {
        var form = (RequestForm)context.ObjectInstance;
        if (value is null) return ValidationResult.Success;
        if (!TryTime(value, out var end)) return new ValidationResult("Enter the end as a UTC date and 24-hour time, e.g. 2026-12-12 23:30.", [nameof(WindowEnd)]);
        return TryTime(form.WindowStart, out var start) && end <= start
            ? new ValidationResult("The window must end after it starts.", [nameof(WindowEnd)])
            : ValidationResult.Success;
    }

    /// <summary>True when every check passes; does not show anything (the live preview asks this on each edit).</summary>
    public bool IsComplete() => Validator.TryValidateObject(this, new ValidationContext(this), null, validateAllProperties: true);

    public NewCoreQuotaRequest ToNewRequest()
    {
        TryTime(WindowStart, out var start);
        TryTime(WindowEnd, out var end);
        return new NewCoreQuotaRequest(ServiceId!, Cores!.Value, RegionId!, InternalZoneIds.ToList(), start, end,
            TimeSpan.FromMinutes(PrewarmLeadMinutes!.Value), BudgetId!.Value, Justification!.Trim(), SurvivableSharePercent / 100m);
    }

    /// <summary>The domain's field names mapped to this form's properties.</summary>
    public static readonly IReadOnlyDictionary<string, string> DomainFields = new Dictionary<string, string>
    {
        ["PrewarmLead"] = nameof(PrewarmLeadMinutes),
        ["SurvivableShare"] = nameof(SurvivableSharePercent),
    };
}

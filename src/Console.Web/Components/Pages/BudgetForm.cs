using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CapacityConsole.Scheduler.Budgets;

namespace CapacityConsole.Web.Components.Pages;

/// <summary>
/// What the new-budget form edits. It checks what it can before anything is sent (so bad input
/// changes nothing and is named at its field); the domain checks again and its field errors land on
/// the same properties (the names match <see cref="Budget"/>'s).
/// </summary>
public sealed class BudgetForm
{
    [Required(ErrorMessage = "Give the budget a name.")]
    [StringLength(120, ErrorMessage = "A name has at most 120 characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the cost center, e.g. CC-TRADE.")]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$", ErrorMessage = "A cost center is 2–40 letters, digits, '-' or '_', e.g. CC-TRADE.")]
    public string? CostCenter { get; set; }

    [StringLength(120, ErrorMessage = "An event name has at most 120 characters.")]
    public string? EventName { get; set; }

    [Required(ErrorMessage = "Enter the amount in CNY.")]
    [Range(typeof(decimal), "0.01", "100000000000", ErrorMessage = "The amount must be between ¥0.01 and ¥100,000,000,000.")]
    [CustomValidation(typeof(BudgetForm), nameof(CheckAmount))]
    public decimal? Amount { get; set; }

    /// <summary>yyyy-MM-dd (UTC), as the browser's date input sends it.</summary>
    [Required(ErrorMessage = "Choose when the period starts.")]
    [CustomValidation(typeof(BudgetForm), nameof(CheckPeriodStart))]
    public string? PeriodStart { get; set; }

    [Required(ErrorMessage = "Choose when the period ends.")]
    [CustomValidation(typeof(BudgetForm), nameof(CheckPeriodEnd))]
    public string? PeriodEnd { get; set; }

    public bool SubmitForApproval { get; set; } = true;

    public static bool TryDate(string? text, out DateTimeOffset date)
    {
        var ok = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        date = ok ? new DateTimeOffset(d, TimeSpan.Zero) : default;
        return ok;
    }

    // Field-level rules (not IValidatableObject, which runs only once every other field is valid).
    public static ValidationResult? CheckAmount(decimal? value, ValidationContext context) =>
        value is { } a && decimal.Round(a, 2) != a
            ? new ValidationResult("The amount has at most two decimals (fen).", [nameof(Amount)])
            : ValidationResult.Success;

    public static ValidationResult? CheckPeriodStart(string? value, ValidationContext context) =>
        value is not null && !TryDate(value, out _) ? new ValidationResult("Enter the start as a date.", [nameof(PeriodStart)]) : ValidationResult.Success;

    public static ValidationResult? CheckPeriodEnd(string? value, ValidationContext context)
    {
        if (value is null) return ValidationResult.Success;
        if (!TryDate(value, out var end)) return new ValidationResult("Enter the end as a date.", [nameof(PeriodEnd)]);
        var form = (BudgetForm)context.ObjectInstance;
        return TryDate(form.PeriodStart, out var start) && end <= start
            ? new ValidationResult("The period must end after it starts.", [nameof(PeriodEnd)])
            : ValidationResult.Success;
    }

    /// <summary>The period runs from 00:00 UTC of its start date to 00:00 UTC of its end date.</summary>
    public NewBudget ToNewBudget()
    {
        TryDate(PeriodStart, out var start);
        TryDate(PeriodEnd, out var end);
        return new NewBudget(Name!.Trim(), CostCenter!.Trim().ToUpperInvariant(), EventName, Amount!.Value, start, end);
    }
}

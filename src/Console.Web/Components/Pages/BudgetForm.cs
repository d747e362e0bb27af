using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CapacityConsole.Scheduler.Budgets;

namespace CapacityConsole.Web.Components.Pages;

/// <summary>
/// What the new-budget form edits. It checks what it can before anything is sent (so bad input
/// changes nothing and is named at its field); the domain checks again and its field errors land on
/// the same properties (the names match <see cref="Budget"/>'s).
/// </summary>
public sealed class BudgetForm : IValidatableObject
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
    public decimal? Amount { get; set; }

    /// <summary>yyyy-MM-dd (UTC), as the browser's date input sends it.</summary>
    [Required(ErrorMessage = "Choose when the period starts.")]
    public string? PeriodStart { get; set; }

    [Required(ErrorMessage = "Choose when the period ends.")]
    public string? PeriodEnd { get; set; }

    public bool SubmitForApproval { get; set; } = true;

    public static bool TryDate(string? text, out DateTimeOffset date)
    {
        var ok = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        date = ok ? new DateTimeOffset(d, TimeSpan.Zero) : default;
        return ok;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Amount is { } a && decimal.Round(a, 2) != a)
            yield return new ValidationResult("The amount has at most two decimals (fen).", [nameof(Amount)]);
        var startOk = TryDate(PeriodStart, out var start);
        var endOk = TryDate(PeriodEnd, out var end);
        if (!startOk) yield return new ValidationResult("Enter the start as a date.", [nameof(PeriodStart)]);
        if (!endOk) yield return new ValidationResult("Enter the end as a date.", [nameof(PeriodEnd)]);
        if (startOk && endOk && end <= start)
            yield return new ValidationResult("The period must end after it starts.", [nameof(PeriodEnd)]);
    }

    /// <summary>The period runs from 00:00 UTC of its start date to 00:00 UTC of its end date.</summary>
    public NewBudget ToNewBudget()
    {
        TryDate(PeriodStart, out var start);
        TryDate(PeriodEnd, out var end);
        return new NewBudget(Name!.Trim(), CostCenter!.Trim().ToUpperInvariant(), EventName, Amount!.Value, start, end);
    }
}

namespace CapacityConsole.Scheduler;

/// <summary>
/// The longest text each kind of field takes. Checked by the domain (so the API, the pages and any
/// later caller are held to the same numbers) and shown by the forms as their maximum length: a
/// 1 MB budget name once made every viewer's budget list 14.7 MB.
/// </summary>
public static class TextLimits
{
    /// <summary>Names of budgets, events and services, cost centers.</summary>
    public const int Name = 200;

    /// <summary>A request's justification or an emergency burst's reason.</summary>
    public const int Justification = 4000;

    /// <summary>An approver's decision comment.</summary>
    public const int Comment = 2000;

    /// <summary>A list's search text (a longer LIKE pattern only costs the database more).</summary>
    public const int Search = 200;

    /// <summary>Adds "field: at most N characters" to <paramref name="errors"/> when <paramref name="text"/> is longer.</summary>
    public static void Check(string? text, int limit, string field, IDictionary<string, string[]> errors)
    {
        if (text is not null && text.Length > limit) errors[field] = [$"{field} has at most {limit:N0} characters; this one has {text.Length:N0}."];
    }

    /// <summary>Throws a field error for a text longer than <paramref name="limit"/>.</summary>
    public static void Require(string? text, int limit, string field)
    {
        var errors = new Dictionary<string, string[]>();
        Check(text, limit, field, errors);
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }
}

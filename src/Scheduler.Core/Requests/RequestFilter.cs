namespace CapacityConsole.Scheduler.Requests;

/// <summary>
/// The server-side filters of request lists (the requests page, a budget's requests, the API).
/// Every field is optional; <see cref="Search"/> matches region, zones or requester, ignoring case.
/// </summary>
public sealed record RequestFilter(
    RequestState? State = null,
    string? ServiceId = null,
    Guid? BudgetId = null,
    string? RequestedBy = null,
    string? Search = null);

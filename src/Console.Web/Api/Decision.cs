namespace CapacityConsole.Web.Api;

/// <summary>The body of an approve or reject call (budgets and requests); the body and its comment are optional.</summary>
/// <param name="AcceptedShortfallCores">On approve: the shortfall the planner confirms approving (issue 14); absent means none.</param>
public sealed record Decision(string? Comment, int? AcceptedShortfallCores = null);

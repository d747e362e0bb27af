namespace CapacityConsole.Web.Api;

/// <summary>The body of an approve or reject call (budgets and requests); the body and its comment are optional.</summary>
public sealed record Decision(string? Comment);

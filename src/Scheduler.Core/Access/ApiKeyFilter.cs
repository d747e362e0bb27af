namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// The server-side filters of the API key list (the admin page and the API). <see cref="Revoked"/>:
/// true only revoked keys, false only active ones, null both; <see cref="Search"/> matches name,
/// holder, team or prefix, ignoring case.
/// </summary>
public sealed record ApiKeyFilter(bool? Revoked = null, string? Search = null);

namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>
/// The tags every provisioned unit carries. Nothing is created without them, so the reconciler can
/// always find what a crashed job made (list by owner tag) and nothing can leak.
/// </summary>
public static class OwnerTags
{
    /// <summary>Names the console installation that owns the unit; reconciliation lists by this tag.</summary>
    public const string Owner = "capacity-console:owner";
    public const string Request = "capacity-console:request";
    public const string Batch = "capacity-console:batch";

    public static IReadOnlyDictionary<string, string> For(string owner, Guid requestId, Guid batchId) =>
        new Dictionary<string, string>
        {
            [Owner] = owner,
            [Request] = requestId.ToString("D"),
            [Batch] = batchId.ToString("D"),
        };
}

using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Provisioning;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>
/// A waiting request's stored plan preview and lead-time estimate (or why none could be made), with
/// the versions of the inputs it was computed from.
/// </summary>
public sealed record ApprovalPreview(
    Guid RequestId,
    Plan? Plan,
    LeadTimeEstimate? LeadTime,
    string? Error,
    ApprovalInputs Inputs,
    DateTimeOffset ComputedAt);

/// <summary>The input versions of <see cref="PlanInputVersions"/>, compared field by field to say what changed.</summary>
public sealed record ApprovalInputs(string Topology, string Budget, string History, string Request)
{
    /// <summary>What changed since <paramref name="stored"/> was computed, in words; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangedSince(ApprovalInputs stored)
    {
        var changed = new List<string>();
        if (stored.Topology != Topology) changed.Add("stock, prices or zone health");
        if (stored.Budget != Budget) changed.Add("the budget");
        if (stored.History != History) changed.Add("provisioning history (lead time)");
        if (stored.Request != Request) changed.Add("the request");
        return changed;
    }
}

using CapacityConsole.Scheduler.Live;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>The refresher stored new previews: an open approval queue reloads its page (one paged read).</summary>
public sealed record ApprovalPreviewsRefreshed(IReadOnlyList<Guid> RequestIds, DateTimeOffset At) : LiveUpdate(At)
{
    public override IEnumerable<string> Keys => [];

    // Each names different requests: merging two would lose the first one's ids.
    public override string? Subject => null;
}

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// A re-plan's answer: the whole new <see cref="Plan"/> and how it differs from the old one.
/// <see cref="Added"/> is what to provision now; <see cref="Cancelled"/> is planned work that will not be
/// started; <see cref="Lost"/> is running capacity in a zone that went Down, for the release job to clean up.
/// </summary>
public sealed record Replan(
    Plan Plan,
    IReadOnlyList<Allocation> Added,
    IReadOnlyList<Allocation> Cancelled,
    IReadOnlyList<Allocation> Lost);

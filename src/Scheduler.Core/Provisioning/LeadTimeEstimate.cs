using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// How fast one provider delivers: seconds from a batch sent to its resources recorded, and seconds
/// from a resource created to running. <see cref="Orders"/> is how many recent orders taught it; 0
/// means the documented default of <see cref="LeadTimeOptions"/> stands in. <see cref="BootLearned"/> is false
/// when batches were seen but no resource of them reached Running yet, so the boot time is the default.
/// </summary>
public sealed record ProviderPace(ProviderKind Provider, double SecondsPerBatch, double BootSeconds, int Orders, bool BootLearned = true)
{
    public bool Learned => Orders > 0;

    public string Describe() => Learned
        ? $"{Provider}: learned from {Orders} recent order{(Orders == 1 ? "" : "s")} ({SecondsPerBatch:0.#} s per batch, {BootSeconds:0.#} s boot{(BootLearned ? "" : ", a default: none seen running yet")})"
        : $"{Provider}: default, no recent orders ({SecondsPerBatch:0.#} s per batch, {BootSeconds:0.#} s boot)";
}

/// <summary>
/// How long provisioning a plan should take (brief §9 "lead time you can trust") and whether the
/// request's pre-warm lead covers it. <see cref="Basis"/> lists only the providers the plan uses.
/// </summary>
public sealed record LeadTimeEstimate(
    TimeSpan Duration,
    int Batches,
    int Lanes,
    IReadOnlyList<ProviderPace> Basis,
    TimeSpan PrewarmLead,
    bool ExceedsLead,
    string? Warning)
{
    public string BasisText => Basis.Count == 0 ? "Nothing to provision." : string.Join("; ", Basis.Select(b => b.Describe()));

    /// <summary>"1 h 5 min", "30 min", "2 min 15 s", "40 s": zero parts are left out ("30 min", not "30 min 0 s").</summary>
    public static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? (t.Minutes == 0 ? $"{(int)t.TotalHours} h" : $"{(int)t.TotalHours} h {t.Minutes} min")
        : t.TotalMinutes >= 1 ? (t.Seconds == 0 ? $"{(int)t.TotalMinutes} min" : $"{(int)t.TotalMinutes} min {t.Seconds} s")
        : $"{Math.Ceiling(t.TotalSeconds)} s";
}

namespace CapacityConsole.Web.EndToEnd.TwoInstances;

/// <summary>
/// The shared emulator's clock, moved in step with the consoles' clock hooks: the ECS client signs
/// with its console's (moved) time, and the emulator refuses a timestamp off by more than 15 minutes.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

namespace CapacityConsole.Web.Testing;

/// <summary>
/// The wall clock plus an offset the browser tests move forward. Unlike FakeTimeProvider (frozen
/// until advanced), time keeps flowing, and timers and delays still run in real time: a console
/// under test keeps polling providers and booting instances normally while the tests jump it to
/// the pre-warm or the release.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}

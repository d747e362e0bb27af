using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Live;

/// <summary>
/// The fan-out queue: the latest state per subject, never a backlog; bounded; and, paced, each subject
/// at most once per interval with the leading edge first, so a quiet subject never waits behind a hot one.
/// </summary>
public sealed class LiveCoalescerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly Guid Hot = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private RequestProgressed Progress(Guid id, int delivered) => new(id, RequestState.Provisioning, delivered, 100, null, _clock.GetUtcNow());

    private ZoneHealthChanged Zone(string reason) => new("sh-3", null, ZoneHealth.Degraded, reason, _clock.GetUtcNow());

    [Fact]
    public void Unpaced_BurstOfOneSubject_DrainsAsItsLatestState_EventsEach_InArrivalOrder()
    {
        var queue = new LiveCoalescer(100);
        for (var i = 1; i <= 50; i++) queue.Offer(Progress(Hot, i));
        queue.Offer(Zone("z"));
        var vanished = new CapacityVanished(Hot, "svc", 1, 8, ["cn-beijing-a"], _clock.GetUtcNow());
        queue.Offer(vanished);
        queue.Offer(vanished with { Cores = 4 });

        var drained = queue.Drain();

        Assert.Equal(4, drained.Count);
        Assert.Equal(50, Assert.IsType<RequestProgressed>(drained[0]).DeliveredCores);
        Assert.IsType<ZoneHealthChanged>(drained[1]);
        Assert.Equal([8, 4], drained.Skip(2).Cast<CapacityVanished>().Select(v => v.Cores));
        Assert.Equal(49, queue.Merged);
        Assert.Empty(queue.Drain());
    }

    [Fact]
    public void Full_RefusesNewSubjects_ButStillTakesANewerStateOfAPendingOne()
    {
        var queue = new LiveCoalescer(100);
        var ids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) Assert.True(queue.Offer(Progress(id, 1)));

        Assert.False(queue.Offer(Progress(Guid.NewGuid(), 1)));
        Assert.True(queue.Offer(Progress(ids[7], 2)));

        Assert.Equal(1, queue.Dropped);
        var drained = queue.Drain().Cast<RequestProgressed>().ToList();
        Assert.Equal(ids, drained.Select(d => d.RequestId));
        Assert.Equal(2, drained[7].DeliveredCores);
    }

    [Fact]
    public async Task Paced_HotSubject_WaitsForItsInterval_AndThenGoesAsItsLatestState()
    {
        var queue = new LiveCoalescer(100, Interval, _clock);
        queue.Offer(Progress(Hot, 1));
        Assert.Single(queue.Drain()); // quiet before: due at once

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        queue.Offer(Progress(Hot, 2));
        queue.Offer(Progress(Hot, 3));
        var wait = queue.WaitAsync(CancellationToken.None);

        Assert.False(wait.IsCompleted);
        Assert.Empty(queue.Drain());
        _clock.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(wait.IsCompleted);
        Assert.Empty(queue.Drain());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(30)); // the wait's own continuation may run on another thread
        Assert.Equal(3, Assert.IsType<RequestProgressed>(Assert.Single(queue.Drain())).DeliveredCores);
    }

    [Fact]
    public async Task Paced_QuietSubject_GoesAtOnce_WhileAHotOneIsHeldBack()
    {
        var queue = new LiveCoalescer(100, Interval, _clock);
        queue.Offer(Progress(Hot, 1));
        queue.Drain();
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        queue.Offer(Progress(Hot, 2));
        var wait = queue.WaitAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);

        queue.Offer(Zone("flip")); // arrives while the wait is for the hot subject's interval

        await wait.WaitAsync(TimeSpan.FromSeconds(30)); // woken by the arrival, not by the clock
        Assert.Equal("flip", Assert.IsType<ZoneHealthChanged>(Assert.Single(queue.Drain())).Reason);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Paced_SubjectQuietForAnInterval_IsDueAtOnceAgain()
    {
        var queue = new LiveCoalescer(100, Interval, _clock);
        queue.Offer(Zone("first"));
        queue.Drain();

        _clock.Advance(Interval);
        queue.Offer(Zone("second"));

        Assert.True(queue.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal("second", Assert.IsType<ZoneHealthChanged>(Assert.Single(queue.Drain())).Reason);
    }

    [Fact]
    public void Paced_EventsAreNeverHeldBack()
    {
        var queue = new LiveCoalescer(100, Interval, _clock);
        var vanished = new CapacityVanished(Hot, "svc", 1, 8, ["cn-beijing-a"], _clock.GetUtcNow());
        queue.Offer(vanished);
        queue.Drain();

        queue.Offer(vanished with { Cores = 4 });

        Assert.Equal(4, Assert.IsType<CapacityVanished>(Assert.Single(queue.Drain())).Cores);
    }

    [Fact]
    public void Paced_ASubjectsOwnLongerInterval_HoldsOnlyThatSubjectLonger()
    {
        // The request is watched widely (a 500 ms interval of its own); the zone keeps the queue's 200 ms.
        var queue = new LiveCoalescer(100, Interval, _clock, u => u is RequestProgressed ? TimeSpan.FromMilliseconds(500) : TimeSpan.Zero);
        queue.Offer(Progress(Hot, 1));
        queue.Offer(Zone("first"));
        Assert.Equal(2, queue.Drain().Count);

        _clock.Advance(Interval);
        queue.Offer(Progress(Hot, 2));
        queue.Offer(Zone("second"));
        Assert.Equal("second", Assert.IsType<ZoneHealthChanged>(Assert.Single(queue.Drain())).Reason);

        _clock.Advance(TimeSpan.FromMilliseconds(299));
        queue.Offer(Progress(Hot, 3));
        Assert.Empty(queue.Drain());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, Assert.IsType<RequestProgressed>(Assert.Single(queue.Drain())).DeliveredCores);
    }

    [Fact]
    public void Paced_AnIntervalOfItsOwnShorterThanTheQueues_DoesNotShortenIt()
    {
        var queue = new LiveCoalescer(100, Interval, _clock, _ => TimeSpan.FromMilliseconds(10));
        queue.Offer(Zone("first"));
        queue.Drain();

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        queue.Offer(Zone("second"));

        Assert.Empty(queue.Drain());
        _clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Single(queue.Drain());
    }
}

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

    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(500);

    // The request is widely watched (paced to one send per 500 ms); the zone has no pace of its own.
    private LiveCoalescer PacedQueue() => new(100, Interval, _clock, u => u is RequestProgressed ? Pace : TimeSpan.Zero);

    /// <summary>Offers the state, drains, and says whether it went.</summary>
    private bool Sent(LiveCoalescer queue, int delivered)
    {
        queue.Offer(Progress(Hot, delivered));
        return queue.Drain().Any(u => u is RequestProgressed p && p.DeliveredCores == delivered);
    }

    [Fact]
    public void Paced_SubjectThatKeepsChanging_IsSlowedToItsPace_WithItsLatestState_WhileOthersKeepTheInterval()
    {
        var queue = PacedQueue();
        Assert.True(Sent(queue, 1));
        queue.Offer(Zone("first"));
        Assert.Single(queue.Drain());

        // A change every 100 ms: the first two go an interval apart (the bucket of two), then one per pace.
        var sentAt = new List<int>();
        for (var ms = 100; ms <= 2_000; ms += 100)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            if (Sent(queue, ms)) sentAt.Add(ms);
        }
        Assert.Equal([200, 500, 1_000, 1_500, 2_000], sentAt);

        // The zone, offered now, still goes at once: the request's pace is its own.
        queue.Offer(Zone("second"));
        Assert.Equal("second", Assert.IsType<ZoneHealthChanged>(Assert.Single(queue.Drain())).Reason);
    }

    [Fact]
    public void Paced_SubjectThatChangesNowAndThen_GoesAtOnce_AsIfUnpaced()
    {
        var queue = PacedQueue();
        for (var i = 1; i <= 5; i++)
        {
            Assert.True(Sent(queue, i), $"change {i} was held back");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void Paced_TwoChangesCloseTogether_GoAnIntervalApart_NotAPaceApart()
    {
        var queue = PacedQueue();
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(Sent(queue, 1));
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.False(Sent(queue, 2));
        _clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(2, Assert.IsType<RequestProgressed>(Assert.Single(queue.Drain())).DeliveredCores);
    }

    [Fact]
    public void Paced_APaceShorterThanTheInterval_DoesNotShortenIt()
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

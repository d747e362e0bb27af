namespace CapacityConsole.Live.Benchmarks;

/// <summary>Delays in whole milliseconds, lock-free (millions of receipts from thousands of connections).</summary>
internal sealed class DelayHistogram
{
    private const int MaxMs = 120_000;
    private readonly long[] _counts = new long[MaxMs + 1];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Add(double milliseconds)
    {
        var ms = (int)Math.Clamp(Math.Round(milliseconds), 0, MaxMs);
        Interlocked.Increment(ref _counts[ms]);
        Interlocked.Increment(ref _total);
    }

    public int Percentile(double p)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = (long)Math.Ceiling(total * p);
        long seen = 0;
        for (var ms = 0; ms <= MaxMs; ms++)
        {
            seen += Interlocked.Read(ref _counts[ms]);
            if (seen >= rank) return ms;
        }
        return MaxMs;
    }
}

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// Finds the per-zone cap that gives the best fill. With survivable cores S = ⌈s·N⌉, a plan whose
/// zones each hold at most <c>cap</c> cores and whose total is at least <c>max(N, cap + S)</c> keeps S
/// cores after losing any one zone. A small cap spreads thinly (fewest cores in total); a large cap
/// over-provisions but lets cheap zones carry more, which can be cheaper overall. With fractional
/// units the cost is convex in the cap (<see cref="RelaxedFill"/>); whole units make it jagged near
/// that optimum, so the caps within one largest unit of it are tried (in the preference order every
/// 1/16 of that window, then every cap around the best of those; in a penalised order every 1/8). Only when none of those fits
/// (typically because the budget binds, which the relaxation ignores) does the search zoom over the
/// whole range: 33 evenly spaced caps, then around the best, down to single cores. A heuristic; the
/// benchmarks' quality mode measures how far from the exact optimum it lands.
/// </summary>
internal static class CapSearch
{
    private const int GridIntervals = 32;
    private const int ScanWidth = 64;
    private const int PenalisedScanSteps = 8;
    private const int LexicographicScanSteps = 16;

    public readonly record struct Result(long Cap, FillScore Score);

    /// <param name="anyFeasible">Stop at the first feasible cap: enough to know that the cores can be served.</param>
    public static Result Best(CandidateSet set, CapFiller filler, long cores, long survivableCores, bool anyFeasible = false)
    {
        var (lo, hi) = RelaxedFill.CapRange(set, cores, survivableCores);

        var best = new Result(lo, FillScore.Infeasible);
        void Consider(long cap)
        {
            var score = filler.Fill(cap, cores, survivableCores, null);
            if (score.IsBetterThan(best.Score) || (!best.Score.IsBetterThan(score) && cap < best.Cap))
                best = new Result(cap, score);
        }

        // A window of one largest unit either side matched a scan of every cap on the quality
        // instances (a window twice as wide found nothing better and cost twice the time).
        var (relaxed, value) = set.Relaxed(filler.Order).Best(lo, hi, cores, survivableCores);
        // Whole units hold no more than fractional ones: when even the relaxation misses cores, stop
        // here (this keeps the shortfall path's bisection over the served cores cheap).
        if (value.MissesCores) return best;
        var window = (long)set.Sorted.Select(c => c.CoresPerUnit).DefaultIfEmpty(1).Max();
        var from = Math.Max(lo, relaxed - window);
        var to = Math.Min(hi, relaxed + window);
        // Every cap of the window scan starts from the fill of the smallest (not worth a walk when the
        // first feasible cap is enough).
        if (!anyFeasible) filler.Prepare(from, cores, survivableCores);
        if (filler.Order.Lexicographic)
        {
            // The preference order's fill is re-packed too, but its cap decides the plan's rank mix, so
            // it is scanned closely: a pass at 1/16 of the window (every cap when the window is under
            // 32 cores), then every cap around the best of that pass. Visiting every cap of a 128-core
            // window made a 100k-core plan cost 5x a 1k-core one (issue 13, point 6).
            var coarse = Math.Max(1, window / LexicographicScanSteps);
            for (var cap = from; cap <= to; cap += coarse)
            {
                Consider(cap);
                if (anyFeasible && best.Score.Feasible) return best;
            }
            if (coarse > 1 && best.Score.Feasible)
            {
                var centre = best.Cap;
                for (var cap = Math.Max(from, centre - coarse + 1); cap <= Math.Min(to, centre + coarse - 1); cap++) Consider(cap);
            }
        }
        else
        {
            // A penalised order's fill is re-packed zone by zone afterwards (ZoneRepack), which repairs
            // what a cap a few cores off leaves, so its scan steps over the window instead of visiting every cap.
            var stride = Math.Max(1, window / PenalisedScanSteps);
            for (var cap = from; cap <= to; cap += stride)
            {
                Consider(cap);
                if (anyFeasible && best.Score.Feasible) return best;
            }
        }

        if (best.Score.Feasible) return best;
        // Before the costly zoom: give up when even the cheapest fractional cores, whatever their
        // rank, cost more than the budget (the budget-bound shortfall path probes many such cases).
        if (set.Relaxed(set.Cheapest).Best(lo, hi, cores, survivableCores).Value.Cost > filler.MaxCostPerHour)
            return best;

        var smallest = SmallestCapWithCapacity(set, filler, lo, hi, cores, survivableCores);
        if (smallest is null) return best;
        long a = smallest.Value, b = hi;
        while (b - a > ScanWidth)
        {
            var step = (b - a) / (double)GridIntervals;
            for (var k = 0; k <= GridIntervals; k++) Consider(a + (long)Math.Round(k * step));
            if (anyFeasible && best.Score.Feasible) return best;
            // The best cap so far always lies in [a, b]: zoom in around it.
            var bestIndex = (int)Math.Clamp(Math.Round((best.Cap - a) / step), 0, GridIntervals);
            (a, b) = (a + (long)Math.Round(Math.Max(bestIndex - 1, 0) * step), a + (long)Math.Round(Math.Min(bestIndex + 1, GridIntervals) * step));
        }
        for (var cap = a; cap <= b; cap++) Consider(cap);
        return best;
    }

    /// <summary>
    /// Holding capacity for the target rises with the cap while two or more zones still have room
    /// (it peaks at the second-largest zone), so the smallest cap that can hold the target is found by
    /// bisection below that peak; past the peak only the largest cap is worth a look.
    /// </summary>
    private static long? SmallestCapWithCapacity(CandidateSet set, CapFiller filler, long lo, long hi, long cores, long survivableCores)
    {
        bool Fits(long cap) => filler.Fill(cap, cores, survivableCores, null).HasCapacity;
        var sizes = set.CapacityByZone.Order().ToArray();
        var peak = Math.Clamp(sizes.Length >= 2 ? sizes[^2] : lo, lo, hi);
        if (!Fits(peak)) return Fits(hi) ? hi : null;
        while (lo < peak)
        {
            var mid = lo + (peak - lo) / 2;
            if (Fits(mid)) peak = mid; else lo = mid + 1;
        }
        return peak;
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The inner step of <see cref="ZoneRepack"/>'s tail knapsack: one piece (a count of units of one
/// candidate) offered to every sum of the table. Sums are visited from the top down, so each reads a
/// lower sum this piece has not touched yet (a 0/1 knapsack); that makes the sums of one step
/// independent of each other, and they are taken four at a time with 256-bit vectors: the same
/// comparisons in the same order per sum, so the same table and the same back-track flags as the
/// scalar loop (the knapsack was a quarter of a 100k-core plan, over 600,000 cells, issue 13 point 6).
/// </summary>
internal static class TailKnapsack
{
    private const double Tolerance = 1e-9;

    /// <summary>Back-track flags of four sums (lanes 0–3, one bit each) as four bytes 0 or 1, lowest sum first.</summary>
    private static readonly uint[] Flags = Enumerable.Range(0, 16)
        .Select(bits => (uint)((bits & 1) | (bits >> 1 & 1) << 8 | (bits >> 2 & 1) << 16 | (bits >> 3 & 1) << 24)).ToArray();

    private static bool Vectorised => Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian;

    /// <summary>
    /// Preference-order weights: rank cores packed in <paramref name="key"/> (compared first), then
    /// <paramref name="cost"/> with a tolerance. <paramref name="row"/>[s] is set for every s ≥ <paramref name="size"/>:
    /// whether the piece made sum s lighter.
    /// </summary>
    public static void AddRanked(Span<long> key, Span<double> cost, Span<bool> row, int size, long pieceKey, double pieceCost)
    {
        var s = key.Length - 1;
        if (Vectorised)
        {
            var lanes = Vector256<long>.Count;
            var addKey = Vector256.Create(pieceKey);
            var addCost = Vector256.Create(pieceCost);
            var infinite = Vector256.Create(double.PositiveInfinity);
            var tolerance = Vector256.Create(Tolerance);
            for (; s - lanes + 1 >= size; s -= lanes)
            {
                var lo = s - lanes + 1;
                var sourceCost = Vector256.Create<double>(cost.Slice(lo - size, lanes));
                var currentKey = Vector256.Create<long>(key.Slice(lo, lanes));
                var currentCost = Vector256.Create<double>(cost.Slice(lo, lanes));
                // An infinite source holds long.MaxValue as its key; its sum is masked out, not compared.
                var viaKey = Vector256.Create<long>(key.Slice(lo - size, lanes)) + addKey;
                var viaCost = sourceCost + addCost;
                var lighter = ~Vector256.Equals(sourceCost, infinite).AsInt64()
                    & (Vector256.LessThan(viaKey, currentKey)
                       | (Vector256.Equals(viaKey, currentKey) & Vector256.LessThan(viaCost, currentCost - tolerance).AsInt64()));
                Vector256.ConditionalSelect(lighter, viaKey, currentKey).CopyTo(key.Slice(lo, lanes));
                Vector256.ConditionalSelect(lighter.AsDouble(), viaCost, currentCost).CopyTo(cost.Slice(lo, lanes));
                MemoryMarshal.Write(MemoryMarshal.AsBytes(row.Slice(lo, lanes)), Flags[lighter.ExtractMostSignificantBits()]);
            }
        }
        for (; s >= size; s--)
        {
            var lighter = false;
            var sourceCost = cost[s - size];
            if (!double.IsPositiveInfinity(sourceCost))
            {
                var viaKey = key[s - size] + pieceKey;
                var viaCost = sourceCost + pieceCost;
                if (lighter = viaKey != key[s] ? viaKey < key[s] : viaCost < cost[s] - Tolerance) { key[s] = viaKey; cost[s] = viaCost; }
            }
            row[s] = lighter;
        }
    }

    /// <summary>Penalised-order weights (cost alone, the rank penalty included); otherwise as <see cref="AddRanked"/>.</summary>
    public static void AddPriced(Span<double> cost, Span<bool> row, int size, double pieceCost)
    {
        var s = cost.Length - 1;
        if (Vectorised)
        {
            var lanes = Vector256<double>.Count;
            var add = Vector256.Create(pieceCost);
            var tolerance = Vector256.Create(Tolerance);
            for (; s - lanes + 1 >= size; s -= lanes)
            {
                var lo = s - lanes + 1;
                var current = Vector256.Create<double>(cost.Slice(lo, lanes));
                // An infinite source gives an infinite sum, which never passes the test.
                var via = Vector256.Create<double>(cost.Slice(lo - size, lanes)) + add;
                var lighter = Vector256.LessThan(via, current - tolerance);
                Vector256.ConditionalSelect(lighter, via, current).CopyTo(cost.Slice(lo, lanes));
                MemoryMarshal.Write(MemoryMarshal.AsBytes(row.Slice(lo, lanes)), Flags[lighter.ExtractMostSignificantBits()]);
            }
        }
        for (; s >= size; s--)
        {
            var via = cost[s - size] + pieceCost;
            var lighter = via < cost[s] - Tolerance;
            if (lighter) cost[s] = via;
            row[s] = lighter;
        }
    }
}

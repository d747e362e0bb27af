using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The inner step of a 0/1 knapsack over core sums (<see cref="ZoneRepack"/>'s tail, the exchange's
/// zone tables): one piece (a count of units of one candidate) offered to every sum of the table. Sums
/// are visited away from the sums they read, so each reads one this piece has not touched yet; that
/// makes the sums of one step independent of each other, and they are taken eight or four at a time
/// with 512- or 256-bit vectors: the same comparisons per sum, so the same table and the same
/// back-track flags as the scalar loop (the re-pack's knapsack was a quarter of a 100k-core plan, over
/// 600,000 cells, issue 13 point 6).
/// </summary>
internal static class TailKnapsack
{
    private const double Tolerance = 1e-9;

    /// <summary>Back-track flags of four sums (lanes 0–3, one bit each) as four bytes 0 or 1, lowest sum first.</summary>
    private static readonly uint[] Flags = Enumerable.Range(0, 16)
        .Select(bits => (uint)((bits & 1) | (bits >> 1 & 1) << 8 | (bits >> 2 & 1) << 16 | (bits >> 3 & 1) << 24)).ToArray();

    /// <summary>The same for eight sums (lanes 0–7) as eight bytes.</summary>
    private static readonly ulong[] Flags8 = Enumerable.Range(0, 256)
        .Select(bits => Enumerable.Range(0, 8).Aggregate(0UL, (word, lane) => word | (ulong)(bits >> lane & 1) << (8 * lane))).ToArray();

    private static bool Vectorised => Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian;

    /// <summary>512-bit lanes first where the machine has them (the benchmark machine's Zen 5 runs them at full width); then 256-bit ones.</summary>
    private static bool Vectorised512 => Vector512.IsHardwareAccelerated && BitConverter.IsLittleEndian;

    private const int Lanes512 = 8;

    private const int Lanes = 4; // Vector256<long>.Count and Vector256<double>.Count

    /// <summary>
    /// Preference-order weights: rank cores packed in <paramref name="key"/> (compared first), then
    /// <paramref name="cost"/> with a tolerance. <paramref name="row"/>[s] is set for every s ≥ <paramref name="size"/>:
    /// whether the piece made sum s lighter.
    /// </summary>
    public static void AddRanked(Span<long> key, Span<double> cost, Span<bool> row, int size, long pieceKey, double pieceCost)
    {
        var s = key.Length - 1;
        if (Vectorised512 && s - Lanes512 + 1 >= size)
        {
            ref var k0 = ref MemoryMarshal.GetReference(key);
            ref var c0 = ref MemoryMarshal.GetReference(cost);
            ref var r0 = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(row));
            var addKey = Vector512.Create(pieceKey);
            var addCost = Vector512.Create(pieceCost);
            var infinite = Vector512.Create(double.PositiveInfinity);
            var tolerance = Vector512.Create(Tolerance);
            for (; s - Lanes512 + 1 >= size; s -= Lanes512)
            {
                var lo = (nuint)(s - Lanes512 + 1);
                var from = lo - (nuint)size;
                var sourceCost = Vector512.LoadUnsafe(ref c0, from);
                var currentKey = Vector512.LoadUnsafe(ref k0, lo);
                var currentCost = Vector512.LoadUnsafe(ref c0, lo);
                var viaKey = Vector512.LoadUnsafe(ref k0, from) + addKey;
                var viaCost = sourceCost + addCost;
                var lighter = ~Vector512.Equals(sourceCost, infinite).AsInt64()
                    & (Vector512.LessThan(viaKey, currentKey)
                       | (Vector512.Equals(viaKey, currentKey) & Vector512.LessThan(viaCost, currentCost - tolerance).AsInt64()));
                Vector512.ConditionalSelect(lighter, viaKey, currentKey).StoreUnsafe(ref k0, lo);
                Vector512.ConditionalSelect(lighter.AsDouble(), viaCost, currentCost).StoreUnsafe(ref c0, lo);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r0, lo), Flags8[lighter.ExtractMostSignificantBits()]);
            }
        }
        if (Vectorised && s - Lanes + 1 >= size)
        {
            // Unchecked loads and stores: every chunk and its source lie within the spans (lo ≥ size, s < length).
            ref var k0 = ref MemoryMarshal.GetReference(key);
            ref var c0 = ref MemoryMarshal.GetReference(cost);
            ref var r0 = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(row));
            var addKey = Vector256.Create(pieceKey);
            var addCost = Vector256.Create(pieceCost);
            var infinite = Vector256.Create(double.PositiveInfinity);
            var tolerance = Vector256.Create(Tolerance);
            for (; s - Lanes + 1 >= size; s -= Lanes)
            {
                var lo = (nuint)(s - Lanes + 1);
                var from = lo - (nuint)size;
                var sourceCost = Vector256.LoadUnsafe(ref c0, from);
                var currentKey = Vector256.LoadUnsafe(ref k0, lo);
                var currentCost = Vector256.LoadUnsafe(ref c0, lo);
                // An infinite source holds long.MaxValue as its key; its sum is masked out, not compared.
                var viaKey = Vector256.LoadUnsafe(ref k0, from) + addKey;
                var viaCost = sourceCost + addCost;
                var lighter = ~Vector256.Equals(sourceCost, infinite).AsInt64()
                    & (Vector256.LessThan(viaKey, currentKey)
                       | (Vector256.Equals(viaKey, currentKey) & Vector256.LessThan(viaCost, currentCost - tolerance).AsInt64()));
                Vector256.ConditionalSelect(lighter, viaKey, currentKey).StoreUnsafe(ref k0, lo);
                Vector256.ConditionalSelect(lighter.AsDouble(), viaCost, currentCost).StoreUnsafe(ref c0, lo);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r0, lo), Flags[lighter.ExtractMostSignificantBits()]);
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

    /// <summary>Penalised-order weights (cost alone, the rank penalty included); otherwise as <see cref="AddRanked"/>. The cost polish's exchange uses it with no tolerance.</summary>
    public static void AddPriced(Span<double> cost, Span<bool> row, int size, double pieceCost, double tolerance = Tolerance)
    {
        var s = cost.Length - 1;
        if (Vectorised512 && s - Lanes512 + 1 >= size)
        {
            ref var c0 = ref MemoryMarshal.GetReference(cost);
            ref var r0 = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(row));
            var add = Vector512.Create(pieceCost);
            var slack = Vector512.Create(tolerance);
            for (; s - Lanes512 + 1 >= size; s -= Lanes512)
            {
                var lo = (nuint)(s - Lanes512 + 1);
                var current = Vector512.LoadUnsafe(ref c0, lo);
                var via = Vector512.LoadUnsafe(ref c0, lo - (nuint)size) + add;
                var lighter = Vector512.LessThan(via, current - slack);
                Vector512.ConditionalSelect(lighter, via, current).StoreUnsafe(ref c0, lo);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r0, lo), Flags8[lighter.ExtractMostSignificantBits()]);
            }
        }
        if (Vectorised && s - Lanes + 1 >= size)
        {
            ref var c0 = ref MemoryMarshal.GetReference(cost);
            ref var r0 = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(row));
            var add = Vector256.Create(pieceCost);
            var slack = Vector256.Create(tolerance);
            for (; s - Lanes + 1 >= size; s -= Lanes)
            {
                var lo = (nuint)(s - Lanes + 1);
                var current = Vector256.LoadUnsafe(ref c0, lo);
                // An infinite source gives an infinite sum, which never passes the test.
                var via = Vector256.LoadUnsafe(ref c0, lo - (nuint)size) + add;
                var lighter = Vector256.LessThan(via, current - slack);
                Vector256.ConditionalSelect(lighter, via, current).StoreUnsafe(ref c0, lo);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r0, lo), Flags[lighter.ExtractMostSignificantBits()]);
            }
        }
        for (; s >= size; s--)
        {
            var via = cost[s - size] + pieceCost;
            var lighter = via < cost[s] - tolerance;
            if (lighter) cost[s] = via;
            row[s] = lighter;
        }
    }

    /// <summary>
    /// <see cref="AddPriced"/> for a piece that lowers the sum by <paramref name="size"/> (a unit given
    /// back, in the cost polish's exchange): each sum reads a higher one, so sums are visited from the
    /// bottom up; the same comparisons per sum as the scalar loop.
    /// </summary>
    public static void AddPricedFromAbove(Span<double> cost, Span<bool> row, int size, double pieceCost, double tolerance)
    {
        var s = 0;
        var last = cost.Length - 1 - size;
        if (Vectorised512 && s + Lanes512 - 1 <= last)
        {
            ref var c0 = ref MemoryMarshal.GetReference(cost);
            ref var r0 = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(row));
            var add = Vector512.Create(pieceCost);
            var slack = Vector512.Create(tolerance);
            for (; s + Lanes512 - 1 <= last; s += Lanes512)
            {
                var lo = (nuint)s;
                var current = Vector512.LoadUnsafe(ref c0, lo);
                var via = Vector512.LoadUnsafe(ref c0, lo + (nuint)size) + add;
                var lighter = Vector512.LessThan(via, current - slack);
                Vector512.ConditionalSelect(lighter, via, current).StoreUnsafe(ref c0, lo);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r0, lo), Flags8[lighter.ExtractMostSignificantBits()]);
            }
        }
        if (Vectorised && s + Lanes - 1 <= last)
        {
            ref var c0 = ref MemoryMarshal.GetReference(cost);
            ref var r0 = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(row));
            var add = Vector256.Create(pieceCost);
            var slack = Vector256.Create(tolerance);
            for (; s + Lanes - 1 <= last; s += Lanes)
            {
                var lo = (nuint)s;
                var current = Vector256.LoadUnsafe(ref c0, lo);
                var via = Vector256.LoadUnsafe(ref c0, lo + (nuint)size) + add;
                var lighter = Vector256.LessThan(via, current - slack);
                Vector256.ConditionalSelect(lighter, via, current).StoreUnsafe(ref c0, lo);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref r0, lo), Flags[lighter.ExtractMostSignificantBits()]);
            }
        }
        for (; s <= last; s++)
        {
            var via = cost[s + size] + pieceCost;
            var lighter = via < cost[s] - tolerance;
            if (lighter) cost[s] = via;
            row[s] = lighter;
        }
    }
}

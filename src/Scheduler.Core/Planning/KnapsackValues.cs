using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The cost polish exchange's 0/1 knapsack steps (<see cref="TailKnapsack.AddPriced"/> and
/// <see cref="TailKnapsack.AddPricedFromAbove"/> with no tolerance) when no back-track reads the flags:
/// the same sums visited in the same order with the same strict comparison, so the same table, without
/// writing a flag per sum. Costs are finite or +∞ and never −0, so keeping the lesser of the two is
/// the strict "replace when cheaper". At 100k cores a plan's exchanges run some 2,200 of these steps,
/// each over a few dozen sums, and the flags were a good part of each.
/// </summary>
internal static class KnapsackValues
{
    /// <summary>cost[s] = min(cost[s], cost[s − size] + pieceCost) for s from the top down to <paramref name="size"/>.</summary>
    public static void Add(Span<double> cost, int size, double pieceCost)
    {
        var s = cost.Length - 1;
        ref var c0 = ref MemoryMarshal.GetReference(cost);
        if (Vector512.IsHardwareAccelerated)
        {
            var add = Vector512.Create(pieceCost);
            // Each chunk loads its sources before it stores, and the sources below it are not visited yet.
            for (; s - 7 >= size; s -= 8)
            {
                var lo = (nuint)(s - 7);
                Vector512.Min(Vector512.LoadUnsafe(ref c0, lo), Vector512.LoadUnsafe(ref c0, lo - (nuint)size) + add).StoreUnsafe(ref c0, lo);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var add = Vector256.Create(pieceCost);
            for (; s - 3 >= size; s -= 4)
            {
                var lo = (nuint)(s - 3);
                Vector256.Min(Vector256.LoadUnsafe(ref c0, lo), Vector256.LoadUnsafe(ref c0, lo - (nuint)size) + add).StoreUnsafe(ref c0, lo);
            }
        }
        for (; s >= size; s--)
        {
            var via = cost[s - size] + pieceCost;
            if (via < cost[s]) cost[s] = via;
        }
    }

    /// <summary>cost[s] = min(cost[s], cost[s + size] + pieceCost) for s from the bottom up (a unit given back).</summary>
    public static void AddFromAbove(Span<double> cost, int size, double pieceCost)
    {
        var s = 0;
        var last = cost.Length - 1 - size;
        ref var c0 = ref MemoryMarshal.GetReference(cost);
        if (Vector512.IsHardwareAccelerated)
        {
            var add = Vector512.Create(pieceCost);
            for (; s + 7 <= last; s += 8)
            {
                var lo = (nuint)s;
                Vector512.Min(Vector512.LoadUnsafe(ref c0, lo), Vector512.LoadUnsafe(ref c0, lo + (nuint)size) + add).StoreUnsafe(ref c0, lo);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var add = Vector256.Create(pieceCost);
            for (; s + 3 <= last; s += 4)
            {
                var lo = (nuint)s;
                Vector256.Min(Vector256.LoadUnsafe(ref c0, lo), Vector256.LoadUnsafe(ref c0, lo + (nuint)size) + add).StoreUnsafe(ref c0, lo);
            }
        }
        for (; s <= last; s++)
        {
            var via = cost[s + size] + pieceCost;
            if (via < cost[s]) cost[s] = via;
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Approvals;

/// <summary>
/// Short fingerprints of what a waiting request's preview was made from. Equal fingerprints mean
/// the planner would see the same input, so the stored preview still holds; a different one makes
/// the row stale and the refresher re-plans it.
/// <list type="bullet">
/// <item>topology: every zone's health and every offering's stock and price, and the remembered stock-outs;</item>
/// <item>budget: what is left to spend and whether it can be charged;</item>
/// <item>history: the newest provisioning order and its state, which is what moves the learned lead time;</item>
/// <item>request: its last change.</item>
/// </list>
/// </summary>
public static class PlanInputVersions
{
    public static string Topology(TopologySnapshot snapshot, IEnumerable<StockoutKey> stockedOut)
    {
        var text = new StringBuilder();
        foreach (var z in snapshot.InternalZones.OrderBy(z => z.Id, StringComparer.Ordinal)) text.Append(z.Id).Append(':').Append(z.Health).Append(';');
        foreach (var m in snapshot.MemberZones.OrderBy(m => m.Id, StringComparer.Ordinal)) text.Append(m.Id).Append(':').Append(m.Health).Append(';');
        foreach (var o in snapshot.Offerings.OrderBy(o => o.Id, StringComparer.Ordinal))
            text.Append(o.Id).Append(':').Append(o.Stock.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(o.PricePerHour?.ToString(CultureInfo.InvariantCulture) ?? "-").Append(';');
        foreach (var k in stockedOut.Select(k => $"{k.Provider}/{k.MemberZoneId}/{k.Family}").Order(StringComparer.Ordinal)) text.Append(k).Append(';');
        return Hash(text.ToString());
    }

    public static string Budget(Budget? budget) =>
        budget is null ? "none" : Hash($"{budget.State}:{budget.Available.ToString(CultureInfo.InvariantCulture)}");

    public static string Request(CoreQuotaRequest request) => request.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
}

using System.Globalization;

namespace CapacityConsole.Scheduler.Planning;

/// <summary>A plan's confirmed and expected cores in words, for the plan's reason and for every screen that shows a plan (issue 13).</summary>
public static class StockWords
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>"1,600 confirmed · 2,400 expected from reported stock", with the assumed part named when there is one.</summary>
    public static string Summary(Plan plan)
    {
        var text = string.Format(C, "{0:N0} confirmed", plan.ConfirmedCores);
        if (plan.ExpectedCores == 0) return text;
        text += string.Format(C, " · {0:N0} expected from reported stock", plan.ExpectedCores);
        return plan.AssumedCores > 0
            ? text + string.Format(C, " ({0:N0} on an assumed count, nothing learned yet)", plan.AssumedCores)
            : text;
    }

    /// <summary>One plan line's stock in words, e.g. "counted", "96 confirmed · 224 expected (learned)", "expected (assumed)".</summary>
    public static string Line(Allocation a) => a.StockBasis switch
    {
        StockBasis.Counted => "confirmed (counted)",
        _ when a.ConfirmedCores >= a.Cores => "confirmed (delivered recently)",
        _ when a.ConfirmedCores > 0 => string.Format(C, "{0:N0} confirmed · {1:N0} expected ({2})", a.ConfirmedCores, a.ExpectedCores, Basis(a.StockBasis)),
        _ => $"expected ({Basis(a.StockBasis)})",
    };

    /// <summary>A few words for a table cell: "counted", "delivered recently", "partly delivered", "expected (assumed)", "expected (learned)".</summary>
    public static string Short(Allocation a) => a.StockBasis switch
    {
        StockBasis.Counted => "counted",
        _ when a.ConfirmedCores >= a.Cores => "delivered recently",
        _ when a.ConfirmedCores > 0 => "partly delivered",
        _ => $"expected ({Basis(a.StockBasis)})",
    };

    private static string Basis(StockBasis basis) => basis == StockBasis.Learned ? "learned" : "assumed";

    /// <summary>The plan's stock reason: what is confirmed and why, what is expected and on what.</summary>
    internal static string Reason(IReadOnlyList<Allocation> plan)
    {
        var counted = plan.Where(a => a.StockBasis == StockBasis.Counted).Sum(a => a.ConfirmedCores);
        var delivered = plan.Where(a => a.StockBasis != StockBasis.Counted).Sum(a => a.ConfirmedCores);
        var learned = plan.Where(a => a.StockBasis == StockBasis.Learned).Sum(a => a.ExpectedCores);
        var assumed = plan.Where(a => a.StockBasis == StockBasis.Assumed).Sum(a => a.ExpectedCores);
        var confirmed = new List<string>();
        if (counted > 0) confirmed.Add(string.Format(C, "{0:N0} on counted IDC hosts", counted));
        if (delivered > 0) confirmed.Add(string.Format(C, "{0:N0} cloud within what recent fulfilments delivered there", delivered));
        var expected = new List<string>();
        if (learned > 0) expected.Add(string.Format(C, "{0:N0} held to what recent fulfilments taught", learned));
        if (assumed > 0) expected.Add(string.Format(C, "{0:N0} on the nominal count assumed for the category, nothing learned there yet", assumed));
        return string.Format(C, "Stock: {0:N0} cores confirmed{1}; {2:N0} expected from reported stock (cloud stock is reported as a category such as WithStock, not a count){3}.",
            counted + delivered, confirmed.Count > 0 ? $" ({string.Join(", ", confirmed)})" : "",
            learned + assumed, expected.Count > 0 ? $": {string.Join("; ", expected)}" : "");
    }
}

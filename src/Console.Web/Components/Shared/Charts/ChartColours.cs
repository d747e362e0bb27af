namespace CapacityConsole.Web.Components.Shared.Charts;

/// <summary>One colour per meaning on every chart, so IDC is the same blue on the dashboard and on an event's timeline.</summary>
public static class ChartColours
{
    public const string Idc = "#3949ab";
    public const string IdcUsed = "#7986cb";
    public const string Cloud = "#00897b";
    public const string CloudUsed = "#4db6ac";
    public const string Total = "#9e9e9e";
    public const string Planned = "#8e24aa";
    public const string Held = "#1e88e5";
    // The theme's primary and secondary: the budget page writes its committed and actual figures in these.
    public const string Committed = "#3949ab";
    public const string Actual = "#ff6f00";
    public const string Prewarm = "rgba(255, 179, 0, 0.12)";
    public const string Window = "rgba(57, 73, 171, 0.10)";
    public const string Release = "rgba(117, 117, 117, 0.12)";
    public const string Down = "#c62828";
    public const string Degraded = "#f9a825";
    public const string Healthy = "#2e7d32";
    public const string Batch = "#90a4ae";
}

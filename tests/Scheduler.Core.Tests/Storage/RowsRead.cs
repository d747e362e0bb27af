using System.Text.Json;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>
/// The rows a PostgreSQL query read, from its EXPLAIN (ANALYZE, FORMAT JSON) plan: for every node
/// that reads a table or an index, the rows it returned plus those its filters threw away, plus the
/// heap rows an index-only scan still had to visit (pages changed since the last vacuum), times its
/// loops. A count, not a time, so it is the same on a busy machine as on an idle one.
/// </summary>
public static class RowsRead
{
    public static long Of(ExplainedQuery query)
    {
        using var plan = JsonDocument.Parse(string.Concat(query.Plan));
        return plan.RootElement.EnumerateArray().Sum(statement => Node(statement.GetProperty("Plan")));
    }

    private static long Node(JsonElement node)
    {
        long read = 0;
        if (node.TryGetProperty("Relation Name", out _) || node.TryGetProperty("Index Name", out _))
        {
            var rows = Number(node, "Actual Rows") + Number(node, "Rows Removed by Filter") + Number(node, "Rows Removed by Index Recheck");
            // The others are per loop; heap fetches are the node's total.
            read += rows * Math.Max(1, Number(node, "Actual Loops")) + Number(node, "Heap Fetches");
        }
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray()) read += Node(child);
        return read;
    }

    private static long Number(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) ? (long)value.GetDouble() : 0;
}

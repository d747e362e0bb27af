using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// Reads the console's domain tables (the source of truth) from outside the console process, on
/// SQLite (read-only, next to the running console) or PostgreSQL. Every column is read as text
/// (CAST ... AS TEXT) so one query serves both dialects; money is parsed as decimal, times as UTC.
/// </summary>
public sealed class WorkTables(string? sqliteFile, string? postgres)
{
    public static WorkTables Sqlite(string dataFolder) => new(Path.Combine(dataFolder, "capacity.db"), null);
    public static WorkTables Postgres(string connectionString) => new(null, connectionString);

    public sealed record RequestRow(string State, decimal Committed, decimal Actual, string? FailureReason);
    public sealed record ResourceRow(string Id, string Provider, string MemberZone, string State, DateTimeOffset CreatedAt, DateTimeOffset? RunningAt, DateTimeOffset? ReleasedAt, decimal PricePerHour)
    {
        public bool IsCloud => Id.StartsWith("i-", StringComparison.Ordinal);
        public bool IsLive => State != "Released";
    }
    public sealed record BatchRow(string State, string MemberZoneId, int Units, int Fulfilled, DateTimeOffset UpdatedAt);

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection c = sqliteFile is not null
            ? new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly;Pooling=false;Default Timeout=30")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false, Timeout = 5 }.ToString());
        await c.OpenAsync();
        return c;
    }

    private async Task<List<string?[]>> QueryAsync(string sql, params (string Name, string Value)[] args)
    {
        await using var c = await OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        var rows = new List<string?[]>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i).ToString();
            rows.Add(row);
        }
        return rows;
    }

    // PostgreSQL compares uuid columns with text parameters only after a cast.
    private string Id(string column) => postgres is null ? column : $"CAST({column} AS TEXT)";

    public async Task<bool> ExistsAsync()
    {
        if (sqliteFile is not null && !File.Exists(sqliteFile)) return false;
        try { return (await QueryAsync("SELECT COUNT(*) FROM offerings WHERE provider = 'AlibabaCloud'"))[0][0] is not ("0" or null); }
        catch (DbException) { return false; }
    }

    public async Task<RequestRow?> RequestAsync(Guid id)
    {
        var rows = await QueryAsync(
            $"SELECT state, CAST(committed_amount AS TEXT), CAST(actual_spend AS TEXT), failure_reason FROM core_quota_requests WHERE {Id("id")} = @id",
            ("id", id.ToString("D")));
        return rows.Count == 0 ? null : new RequestRow(rows[0][0]!, Money(rows[0][1]), Money(rows[0][2]), rows[0][3]);
    }

    public async Task<(decimal Committed, decimal Actual)> BudgetAsync(Guid id)
    {
        var rows = await QueryAsync($"SELECT CAST(committed AS TEXT), CAST(actual AS TEXT) FROM budgets WHERE {Id("id")} = @id", ("id", id.ToString("D")));
        return (Money(rows[0][0]), Money(rows[0][1]));
    }

    public async Task<List<ResourceRow>> ResourcesAsync(Guid requestId) =>
        (await QueryAsync(
            "SELECT id, provider, member_zone_id, state, CAST(created_at AS TEXT), CAST(running_at AS TEXT), CAST(released_at AS TEXT), CAST(price_per_hour AS TEXT) "
            + $"FROM resources WHERE {Id("request_id")} = @id", ("id", requestId.ToString("D"))))
        .Select(r => new ResourceRow(r[0]!, r[1]!, r[2]!, r[3]!, Time(r[4])!.Value, Time(r[5]), Time(r[6]), Money(r[7]))).ToList();

    public async Task<List<BatchRow>> BatchesAsync(Guid requestId) =>
        (await QueryAsync(
            "SELECT b.state, b.member_zone_id, b.units, b.fulfilled_units, CAST(b.updated_at AS TEXT) FROM provisioning_batches b "
            + $"JOIN provisioning_orders o ON o.id = b.order_id WHERE {Id("o.request_id")} = @id", ("id", requestId.ToString("D"))))
        .Select(r => new BatchRow(r[0]!, r[1]!, int.Parse(r[2]!, CultureInfo.InvariantCulture), int.Parse(r[3]!, CultureInfo.InvariantCulture), Time(r[4])!.Value))
        .ToList();

    public async Task<List<string>> TimelineAsync(Guid requestId) =>
        (await QueryAsync(
            $"SELECT e.message FROM provisioning_events e JOIN provisioning_orders o ON o.id = e.order_id WHERE {Id("o.request_id")} = @id ORDER BY e.seq",
            ("id", requestId.ToString("D"))))
        .Select(r => r[0]!).ToList();

    public async Task<string?> NextPollAsync(Guid requestId) =>
        (await QueryAsync($"SELECT CAST(next_poll_at AS TEXT) FROM core_quota_requests WHERE {Id("id")} = @id", ("id", requestId.ToString("D"))))[0][0];

    /// <summary>
    /// What the work on a request has done so far, without the reconciler's claim (heartbeat): when it
    /// changes after a restart, the work has resumed.
    /// </summary>
    public async Task<string> ProgressAsync(Guid requestId)
    {
        var request = await RequestAsync(requestId);
        var batches = await BatchesAsync(requestId);
        var resources = await ResourcesAsync(requestId);
        var events = (await TimelineAsync(requestId)).Count;
        return string.Join('|',
            request?.State, events, batches.Count, batches.Count(b => b.State is "Pending" or "Sent"),
            batches.Select(b => b.UpdatedAt).DefaultIfEmpty().Max().UtcTicks,
            resources.Count, resources.Count(r => r.RunningAt is not null), resources.Count(r => !r.IsLive),
            await NextPollAsync(requestId));
    }

    private static decimal Money(string? text) => decimal.Parse(text ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
}

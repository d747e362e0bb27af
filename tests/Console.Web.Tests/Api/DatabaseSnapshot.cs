using System.Security.Cryptography;
using System.Text;
using CapacityConsole.Scheduler.Storage;
using Dapper;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>
/// Row count and a hash of every row of every table of the SQLite database: two snapshots are
/// equal only if nothing was inserted, updated or deleted anywhere.
/// </summary>
internal sealed record DatabaseSnapshot(IReadOnlyDictionary<string, (int Rows, string Hash)> Tables)
{
    public static async Task<DatabaseSnapshot> TakeAsync(Database db)
    {
        await using var c = await db.OpenAsync();
        var tables = await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var result = new SortedDictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var reader = await c.ExecuteReaderAsync($"SELECT * FROM \"{table}\"");
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join('\u001f', values.Select(v => v is DBNull ? "<null>" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }
            await reader.DisposeAsync();
            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))));
            result[table] = (rows.Count, hash);
        }
        return new DatabaseSnapshot(result);
    }

    /// <summary>The tables whose rows differ, for the failure message.</summary>
    public IEnumerable<string> ChangedSince(DatabaseSnapshot before) =>
        Tables.Keys.Union(before.Tables.Keys)
            .Where(t => !Tables.TryGetValue(t, out var now) || !before.Tables.TryGetValue(t, out var then) || now != then)
            .Select(t => $"{t} ({(before.Tables.TryGetValue(t, out var b) ? b.Rows : 0)} → {(Tables.TryGetValue(t, out var a) ? a.Rows : 0)} rows)");
}

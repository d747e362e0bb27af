using Dapper;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// The "@i0, @i1, …" of an IN list, one parameter per value: Dapper hands Npgsql a list as one
/// array parameter, and "IN $1" is not valid PostgreSQL, while "= ANY(@ids)" is not valid SQLite.
/// </summary>
public static class SqlList
{
    public static string Of<T>(IEnumerable<T> values, DynamicParameters parameters) =>
        string.Join(", ", values.Select((value, i) => { parameters.Add($"i{i}", value); return $"@i{i}"; }));
}

using Dapper;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// The "contains, ignoring case" search of the paged lists, as SQL both dialects run alike:
/// LOWER(column) LIKE with the reader's %, _ and \ escaped (PostgreSQL's LIKE is case-sensitive,
/// SQLite's is not, so both sides are lowered).
/// </summary>
public static class TextSearch
{
    /// <summary>
    /// "(LOWER(a) LIKE @search ESCAPE '\' OR …)" over <paramref name="columns"/>, with the pattern
    /// added to <paramref name="parameters"/>.
    /// </summary>
    public static string Clause(string search, DynamicParameters parameters, params string[] columns)
    {
        parameters.Add("search", "%" + Escape(search.Trim().ToLowerInvariant()) + "%");
        return "(" + string.Join(" OR ", columns.Select(c => $@"LOWER({c}) LIKE @search ESCAPE '\'")) + ")";
    }

    private static string Escape(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}

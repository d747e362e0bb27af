using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Dapper's type handlers are process-wide, and a process (the tests) may talk to SQLite and
/// PostgreSQL at once. So each handler writes the native type to an Npgsql parameter and the
/// invariant text form to a SQLite one, and reads either form back.
/// </summary>
internal static class DapperTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        foreach (var type in new[] { typeof(Guid), typeof(DateTimeOffset), typeof(decimal), typeof(TimeSpan) })
        {
            SqlMapper.RemoveTypeMap(type);
            SqlMapper.RemoveTypeMap(typeof(Nullable<>).MakeGenericType(type));
        }
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DecimalHandler());
        SqlMapper.AddTypeHandler(new TimeSpanHandler());
        SqlMapper.AddTypeHandler(new IdListHandler());
    }

    private static bool IsPostgres(IDbDataParameter p) => p is NpgsqlParameter;

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value) =>
            parameter.Value = IsPostgres(parameter) ? value : value.ToString("D");

        public override Guid Parse(object value) => value is Guid g ? g : Guid.Parse((string)value);
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        // Always UTC: Npgsql refuses a non-zero offset for timestamptz, and the SQLite text form
        // sorts correctly only when every value has the same offset.
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            var utc = value.ToUniversalTime();
            parameter.Value = IsPostgres(parameter) ? utc : utc.ToString("O", CultureInfo.InvariantCulture);
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d.ToUniversalTime(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a DateTimeOffset."),
        };
    }

    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value) =>
            parameter.Value = IsPostgres(parameter) ? value : value.ToString(CultureInfo.InvariantCulture);

        public override decimal Parse(object value) => value switch
        {
            decimal d => d,
            string s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Durations are stored as whole seconds in both dialects: readable and exact.</summary>
    private sealed class TimeSpanHandler : SqlMapper.TypeHandler<TimeSpan>
    {
        public override void SetValue(IDbDataParameter parameter, TimeSpan value) =>
            parameter.Value = (long)value.TotalSeconds;

        public override TimeSpan Parse(object value) =>
            TimeSpan.FromSeconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>Short id lists (allowed zones) as comma-separated text in both dialects.</summary>
    private sealed class IdListHandler : SqlMapper.TypeHandler<IReadOnlyList<string>>
    {
        public override void SetValue(IDbDataParameter parameter, IReadOnlyList<string>? value) =>
            parameter.Value = IdList.Join(value ?? []);

        public override IReadOnlyList<string> Parse(object value) => IdList.Split((string)value);
    }
}

internal static class IdList
{
    public static string Join(IEnumerable<string> ids) => string.Join(',', ids);

    public static IReadOnlyList<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

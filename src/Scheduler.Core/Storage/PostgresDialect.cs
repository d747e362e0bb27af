using System.Data.Common;
using Npgsql;

namespace CapacityConsole.Scheduler.Storage;

public sealed class PostgresDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
    public override StorageProvider Provider => StorageProvider.Postgres;
    public override string MigrationFolder => "Postgres";
    public override string ForUpdate => " FOR UPDATE";

    public override string Describe()
    {
        var b = new NpgsqlConnectionStringBuilder(DataSource.ConnectionString);
        return $"PostgreSQL database '{b.Database}' on {b.Host}:{b.Port}";
    }

    public override DbConnection CreateConnection() => DataSource.CreateConnection();
}

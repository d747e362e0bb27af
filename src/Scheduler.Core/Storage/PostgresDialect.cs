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

    // 57P01-57P03: the server is shutting down, crashed or is starting; Npgsql marks a broken socket transient.
    public override bool LostConnection(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: "57P01" or "57P02" or "57P03" } or NpgsqlException { IsTransient: true }) return true;
        return false;
    }
}

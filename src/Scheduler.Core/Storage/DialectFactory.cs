using Npgsql;

namespace CapacityConsole.Scheduler.Storage;

internal static class DialectFactory
{
    public static SqlDialect Create(StorageOptions options, string contentRoot)
    {
        return options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteDialect(
                Path.Combine(DataDirectory.Resolve(options.DataDirectory, contentRoot), options.SqliteFileName)),
            StorageProvider.Postgres => new PostgresDialect(NpgsqlDataSource.Create(options.PostgresConnectionString!)),
            _ => throw new StartupException($"Storage:Provider '{options.Provider}' is not supported."),
        };
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CapacityConsole.Scheduler.Storage;

public sealed class SqliteDialect(string databasePath) : SqlDialect
{
    // Foreign keys are off by default in SQLite; the default timeout also covers SQLITE_BUSY
    // retries when two writers meet, which Microsoft.Data.Sqlite handles by waiting.
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string DatabasePath { get; } = databasePath;
    public string ConnectionString => _connectionString;
    public override StorageProvider Provider => StorageProvider.Sqlite;
    public override string MigrationFolder => "Sqlite";
    public override string ForUpdate => "";
    public override string Describe() => $"SQLite file {DatabasePath}";
    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);
}

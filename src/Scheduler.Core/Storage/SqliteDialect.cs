using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CapacityConsole.Scheduler.Storage;

public sealed class SqliteDialect(string databasePath) : SqlDialect
{
    private const int TimeoutSeconds = 30;

    // Foreign keys are off by default in SQLite.
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = TimeoutSeconds,
    }.ToString();

    // SQLite has one writer at a time. Microsoft.Data.Sqlite answers a writer that finds the database
    // locked by sleeping 150 ms before it tries again, however soon the holder commits, so two writers
    // that met cost the second one at least 150 ms (an on-call's zone change during a provisioning
    // run; it was most of the live stream's p99 at 10,000 viewers). This process's write transactions
    // therefore queue here instead, without holding a thread or a connection, and each begins the
    // moment the one before it ends. Writes outside a transaction and other processes still meet the
    // file's lock; SQLite's own busy handler (busy_timeout) retries those within milliseconds.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public string DatabasePath { get; } = databasePath;
    public string ConnectionString => _connectionString;
    public override StorageProvider Provider => StorageProvider.Sqlite;
    public override string MigrationFolder => "Sqlite";
    public override string ForUpdate => "";
    public override string Describe() => $"SQLite file {DatabasePath}";
    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public override async Task OnOpenedAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {TimeoutSeconds * 1000}";
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct)
    {
        // As long as SQLite itself would have waited for the lock before giving up.
        if (!await _writer.WaitAsync(TimeSpan.FromSeconds(TimeoutSeconds), ct))
            throw new SqliteException($"SQLite Error 5: 'database is locked' (another write transaction of this process held it for {TimeoutSeconds} s).", 5);
        return new WriterTurn(_writer);
    }

    private sealed class WriterTurn(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }
}

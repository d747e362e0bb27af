using System.Data.Common;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, in one place. The SQL in repositories is
/// otherwise written once, in the subset both understand (ON CONFLICT, RETURNING-free, LIMIT).
/// </summary>
public abstract class SqlDialect
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Folder name of this dialect's migration scripts under Storage/Migrations.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>
    /// Appended to a SELECT that reads a row the transaction will change. PostgreSQL locks the row;
    /// SQLite needs nothing because its write transactions start IMMEDIATE and so are serialized.
    /// </summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// Whether <paramref name="e"/> (or what it wraps, e.g. a Hangfire storage call) says the connection
    /// to the server was lost in a restart or failover, not that a statement was wrong.
    /// </summary>
    public virtual bool LostConnection(Exception e) => false;

    /// <summary>Where the database is, for start-up messages: never includes a password.</summary>
    public abstract string Describe();

    public abstract DbConnection CreateConnection();

    /// <summary>Runs on every connection <see cref="Database"/> opens, before it is used.</summary>
    public virtual Task OnOpenedAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Waits until this process may begin a write transaction, and returns what lets the next one
    /// begin (disposed after the commit or rollback); null where the server queues writers itself.
    /// </summary>
    public virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable?>(null);
}

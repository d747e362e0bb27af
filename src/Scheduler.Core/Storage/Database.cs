using System.Data.Common;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>Opens connections and runs units of work in transactions, whatever the dialect.</summary>
public sealed class Database
{
    public Database(SqlDialect dialect)
    {
        DapperTypeHandlers.Register();
        Dialect = dialect;
    }

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = Dialect.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            await Dialect.OnOpenedAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: all of it is written or none. Writes that
    /// must be atomic (a state change and its audit event, a budget commitment) go through here.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        using var turn = await Dialect.EnterWriteAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        InTransactionAsync(async (c, t) => { await work(c, t); return true; }, ct);
}

using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using CapacityConsole.Scheduler.Storage;
using Npgsql;

namespace CapacityConsole.Scheduler.Tests.Storage;

/// <summary>One query the code ran, with the plan the database chose for it.</summary>
public sealed record ExplainedQuery(string Sql, IReadOnlyList<string> Plan);

/// <summary>
/// Wraps a real dialect so that every SELECT the code runs is first EXPLAINed by the same database
/// with the same parameters (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN with enable_seqscan
/// off, so a sequential scan is chosen only when no index can answer). The query then runs as usual.
/// With <paramref name="analyze"/> PostgreSQL runs EXPLAIN (ANALYZE, FORMAT JSON) with its planner's
/// own choices instead: the plan is one JSON text carrying the rows each node read (see <see cref="RowsRead"/>).
/// </summary>
public sealed class ExplainingDialect(SqlDialect inner, bool analyze = false) : SqlDialect
{
    private readonly List<ExplainedQuery> _queries = [];

    public IReadOnlyList<ExplainedQuery> Queries { get { lock (_queries) return _queries.ToList(); } }

    public void Clear() { lock (_queries) _queries.Clear(); }

    public override StorageProvider Provider => inner.Provider;
    public override string MigrationFolder => inner.MigrationFolder;
    public override string ForUpdate => inner.ForUpdate;
    public override string Describe() => inner.Describe();
    public override DbConnection CreateConnection() => new Connection(inner.CreateConnection(), this);
    public override Task OnOpenedAsync(DbConnection connection, CancellationToken ct) => inner.OnOpenedAsync(connection, ct);
    public override ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct) => inner.EnterWriteAsync(ct);

    private bool ForcesIndexes => !analyze;

    private void Explain(DbCommand command)
    {
        var sql = command.CommandText;
        var head = sql.TrimStart();
        if (!head.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !head.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)) return;
        var postgres = inner.Provider == StorageProvider.Postgres;
        command.CommandText = (postgres ? analyze ? "EXPLAIN (ANALYZE, FORMAT JSON) " : "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
        var plan = new List<string>();
        try
        {
            using var reader = command.ExecuteReader();
            // SQLite: id, parent, notused, detail; PostgreSQL: one text column.
            while (reader.Read()) plan.Add(reader.GetString(postgres ? 0 : 3));
        }
        finally { command.CommandText = sql; }
        lock (_queries) _queries.Add(new ExplainedQuery(sql, plan));
    }

    private sealed class Connection(DbConnection connection, ExplainingDialect owner) : DbConnection
    {
        [AllowNull]
        public override string ConnectionString { get => connection.ConnectionString; set => connection.ConnectionString = value; }
        public override string Database => connection.Database;
        public override string DataSource => connection.DataSource;
        public override string ServerVersion => connection.ServerVersion;
        public override ConnectionState State => connection.State;
        public override void ChangeDatabase(string databaseName) => connection.ChangeDatabase(databaseName);
        public override void Close() => connection.Close();

        public override void Open()
        {
            connection.Open();
            if (owner.ForcesIndexes) SeqScanOff();
        }

        public override async Task OpenAsync(CancellationToken cancellationToken)
        {
            await connection.OpenAsync(cancellationToken);
            if (owner.ForcesIndexes) SeqScanOff();
        }

        private void SeqScanOff()
        {
            if (connection is not NpgsqlConnection) return;
            using var set = connection.CreateCommand();
            set.CommandText = "SET enable_seqscan = off";
            set.ExecuteNonQuery();
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => connection.BeginTransaction(isolationLevel);
        protected override DbCommand CreateDbCommand() => new Command(connection.CreateCommand(), this, owner);

        protected override void Dispose(bool disposing)
        {
            if (disposing) connection.Dispose();
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private sealed class Command(DbCommand command, DbConnection wrapper, ExplainingDialect owner) : DbCommand
    {
        [AllowNull]
        public override string CommandText { get => command.CommandText; set => command.CommandText = value; }
        public override int CommandTimeout { get => command.CommandTimeout; set => command.CommandTimeout = value; }
        public override CommandType CommandType { get => command.CommandType; set => command.CommandType = value; }
        public override bool DesignTimeVisible { get => command.DesignTimeVisible; set => command.DesignTimeVisible = value; }
        public override UpdateRowSource UpdatedRowSource { get => command.UpdatedRowSource; set => command.UpdatedRowSource = value; }
        protected override DbConnection? DbConnection { get => wrapper; set { } }
        protected override DbParameterCollection DbParameterCollection => command.Parameters;
        protected override DbTransaction? DbTransaction { get => command.Transaction; set => command.Transaction = value; }
        public override void Cancel() => command.Cancel();
        protected override DbParameter CreateDbParameter() => command.CreateParameter();
        public override void Prepare() => command.Prepare();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) { owner.Explain(command); return command.ExecuteReader(behavior); }
        public override int ExecuteNonQuery() { owner.Explain(command); return command.ExecuteNonQuery(); }
        public override object? ExecuteScalar() { owner.Explain(command); return command.ExecuteScalar(); }

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken ct)
        {
            owner.Explain(command);
            return await command.ExecuteReaderAsync(behavior, ct);
        }

        public override async Task<int> ExecuteNonQueryAsync(CancellationToken ct) { owner.Explain(command); return await command.ExecuteNonQueryAsync(ct); }
        public override async Task<object?> ExecuteScalarAsync(CancellationToken ct) { owner.Explain(command); return await command.ExecuteScalarAsync(ct); }

        protected override void Dispose(bool disposing)
        {
            if (disposing) command.Dispose();
            base.Dispose(disposing);
        }
    }
}

using System.Diagnostics;
using Npgsql;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// A throwaway PostgreSQL cluster of the test's own, made the way test.sh makes its one (initdb, a
/// random loopback port, run as the postgres user when root), so a test can stop and start the server
/// under a running console. The shared server of CAPACITY_TEST_POSTGRES must never be restarted.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _work;
    private readonly string _bin;
    private readonly int _port;

    private PostgresCluster(string work, string bin, int port) => (_work, _bin, _port) = (work, bin, port);

    private string Data => Path.Combine(_work, "pgdata");
    private string Socket => Path.Combine(_work, "sock");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Timeout=5";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed; ./test.sh installs it.");
        var work = Directory.CreateTempSubdirectory("cc-pg-").FullName;
        var cluster = new PostgresCluster(work, bin, EmulatorProcessHandle.FreePort());
        Directory.CreateDirectory(cluster.Data);
        Directory.CreateDirectory(cluster.Socket);
        await RunAsync("chmod", "755", work); // the postgres user must reach its folders inside
        if (IsRoot) await RunAsync("chown", "postgres:postgres", cluster.Data, cluster.Socket);
        await RunAsync("chmod", "700", cluster.Data);
        await cluster.AsPostgresAsync("initdb", "-D", cluster.Data, "-A", "trust", "-U", "postgres");
        await cluster.StartServerAsync();
        await cluster.ExecuteAsync("CREATE DATABASE capacity");
        return cluster;
    }

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(Socket, "pg.log"), "-w", "start",
        "-o", $"-p {_port} -k {Socket} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off");

    /// <summary>Immediate stop: every connection is cut as in a crash of the server.</summary>
    public Task StopServerAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");

    private async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(ConnectionString("postgres"));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgresAsync(string tool, params string[] args) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stdout}{await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopServerAsync(); } catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

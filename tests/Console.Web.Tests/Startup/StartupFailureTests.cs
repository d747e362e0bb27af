using System.Security.Cryptography;
using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CapacityConsole.Web.Tests.Startup;

/// <summary>A bad setting, a missing data folder or a too-new database stop the start with one clear line and change nothing.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("cc-start-").FullName;

    [Fact]
    public async Task MalformedSetting_StopsTheStart_NamingTheSetting()
    {
        var outcome = await ConsoleProcess.RunAsync(_work, "--Storage:Provider=Oracle", $"--Storage:DataDirectory={_work}");
        AssertOneLineRefusal(outcome, "Storage:Provider");
        Assert.Empty(Directory.GetFiles(_work));
    }

    [Fact]
    public async Task InvalidSetting_StopsTheStart_NamingTheSetting()
    {
        var outcome = await ConsoleProcess.RunAsync(_work, "--Demo:Password=short", $"--Storage:DataDirectory={_work}");
        AssertOneLineRefusal(outcome, "Demo:Password must have at least 12 characters");
        Assert.Empty(Directory.GetFiles(_work));
    }

    [Fact]
    public async Task FirstAdminPasswordBelowThePolicy_StopsTheStart()
    {
        var outcome = await ConsoleProcess.RunAsync(_work, "--FirstAdmin:UserName=root", "--FirstAdmin:Password=too-short", $"--Storage:DataDirectory={_work}");
        AssertOneLineRefusal(outcome, "FirstAdmin:Password: A password has at least 12 characters.");
        Assert.Empty(Directory.GetFiles(_work));
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_StopsTheStart()
    {
        var outcome = await ConsoleProcess.RunAsync(_work, "--Storage:Provider=Postgres");
        AssertOneLineRefusal(outcome, "Storage:PostgresConnectionString is required");
    }

    [Fact]
    public async Task MissingDataFolder_StopsTheStart()
    {
        var missing = Path.Combine(_work, "no-such-folder");
        var outcome = await ConsoleProcess.RunAsync(_work, $"--Storage:DataDirectory={missing}");
        AssertOneLineRefusal(outcome, "does not exist");
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task DatabaseNewerThanTheCode_StopsTheStart_AndIsLeftUntouched()
    {
        var dialect = new SqliteDialect(Path.Combine(_work, "capacity.db"));
        var database = new Database(dialect);
        await new MigrationRunner(dialect, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        await using (var c = await database.OpenAsync())
            await c.ExecuteAsync("INSERT INTO schemaversions (scriptname, applied) VALUES ('CapacityConsole.Scheduler.Storage.Migrations.Sqlite.0999_future.sql', '2030-01-01')");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = Hash(dialect.DatabasePath);

        var outcome = await ConsoleProcess.RunAsync(_work, $"--Storage:DataDirectory={_work}");

        AssertOneLineRefusal(outcome, "newer than the code");
        Assert.Contains("0999_future.sql", outcome.StdErr);
        Assert.Equal(before, Hash(dialect.DatabasePath));
    }

    private static void AssertOneLineRefusal(ConsoleProcess.Outcome outcome, string expected)
    {
        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("capacity-console: cannot start:", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", outcome.StdOut + outcome.StdErr);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}

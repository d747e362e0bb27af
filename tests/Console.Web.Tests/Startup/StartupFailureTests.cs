using System.Security.Cryptography;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Testing;
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

    private const string UnreachablePostgres = "--Storage:PostgresConnectionString=Host=127.0.0.1;Port=1;Database=capacity;Username=capacity;Password=never-shown";

    [Fact]
    public async Task PostgresWithoutAKeyRingCertificate_StopsTheStart_BeforeAnythingIsStored()
    {
        var outcome = await ConsoleProcess.RunAsync(_work, "--Storage:Provider=Postgres", UnreachablePostgres);
        AssertOneLineRefusal(outcome, "DataProtection:Certificate:Path is required when Storage:Provider is Postgres");
        Assert.DoesNotContain("never-shown", outcome.StdOut + outcome.StdErr);
    }

    [Fact]
    public async Task KeyRingCertificate_WithAWrongPassword_StopsTheStart_WithoutShowingIt()
    {
        var outcome = await ConsoleProcess.RunAsync(_work, "--Storage:Provider=Postgres", UnreachablePostgres,
            $"--DataProtection:Certificate:Path={KeyRingCertificateFile.Path}", "--DataProtection:Certificate:Password=not-the-password");
        AssertOneLineRefusal(outcome, "DataProtection:Certificate:Password does not open it");
        Assert.DoesNotContain("not-the-password", outcome.StdOut + outcome.StdErr);
        Assert.DoesNotContain(KeyRingCertificateFile.Password, outcome.StdOut + outcome.StdErr);
    }

    [Fact]
    public async Task KeyRingCertificate_ThatIsNoFile_OrHasNoPrivateKey_StopsTheStart()
    {
        var missing = Path.Combine(_work, "no-such.pfx");
        AssertOneLineRefusal(await ConsoleProcess.RunAsync(_work, $"--Storage:DataDirectory={_work}", $"--DataProtection:Certificate:Path={missing}"),
            $"DataProtection:Certificate:Path: there is no file '{missing}'");

        // The public half only (what a .cer export gives): the console could encrypt keys but never read them back.
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(KeyRingCertificateFile.Path, KeyRingCertificateFile.Password);
        var publicOnly = Path.Combine(_work, "public-only.pfx");
        using (var withoutKey = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData))
            File.WriteAllBytes(publicOnly, withoutKey.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw"));
        AssertOneLineRefusal(await ConsoleProcess.RunAsync(_work, $"--Storage:DataDirectory={_work}",
            $"--DataProtection:Certificate:Path={publicOnly}", "--DataProtection:Certificate:Password=pw"), "holds no private key");
        Assert.False(Directory.Exists(Path.Combine(_work, "keys")));
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

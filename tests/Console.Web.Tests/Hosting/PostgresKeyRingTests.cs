using System.Xml.Linq;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Hosting;
using CapacityConsole.Web.Tests.Api;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CapacityConsole.Web.Tests.Hosting;

/// <summary>
/// The key ring's table on the real PostgreSQL server of ./test.sh: a key stored in the clear by an
/// older version is still read (cookies it protected keep working) and reported once, by count.
/// </summary>
public sealed class PostgresKeyRingTests : IAsyncLifetime
{
    private readonly string _database = $"cc_keys_{Guid.NewGuid():N}";
    private static string Server => Environment.GetEnvironmentVariable("CAPACITY_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CAPACITY_TEST_POSTGRES is not set; run ./test.sh, which starts PostgreSQL.");
    private NpgsqlDataSource _source = default!;

    [Fact]
    public async Task KeysStoredInTheClear_AreRead_AndCountedInOneWarning()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var repository = new PostgresXmlRepository(_source, TimeProvider.System, factory.CreateLogger<PostgresXmlRepository>());
        repository.StoreElement(Key("clear", new XElement("masterKey", new XElement("value", "c2VjcmV0"))), "key-clear");
        repository.StoreElement(Key("encrypted", new XElement("encryptedSecret", new XElement("EncryptedData"))), "key-encrypted");
        repository.StoreElement(new XElement("revocation", new XElement("revocationDate", "2026-12-04")), "revocation-1");

        Assert.Equal(3, repository.GetAllElements().Count);
        Assert.Equal(3, repository.GetAllElements().Count);

        var warning = Assert.Single(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("1 Data Protection keys in data_protection_keys are stored unencrypted", warning);
        Assert.DoesNotContain("c2VjcmV0", warning);
    }

    private static XElement Key(string id, XElement secret) =>
        new("key", new XAttribute("id", id), new XElement("descriptor", new XElement("descriptor", secret)));

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(Server))
            await admin.ExecuteAsync($"CREATE DATABASE {_database}");
        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString);
        await new MigrationRunner(new PostgresDialect(_source), NullLogger<MigrationRunner>.Instance).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }
}

using CapacityConsole.Providers.Idc;
using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CapacityConsole.Providers.Tests.Idc;

/// <summary>
/// A fresh, migrated database (SQLite file or a new PostgreSQL database on the server ./test.sh
/// starts) holding a small IDC inventory: hall-a with a roomy class (idc.h96, 40 hosts), a scarce one
/// (idc.h64, 3 hosts) and a sold-out one (idc.h32, every host held by someone else); hall-b is Down.
/// </summary>
public sealed class IdcBackend : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    public Database Database { get; }
    public IdcProvider Provider { get; }

    private IdcBackend(Database database, Func<Task> drop)
    {
        Database = database;
        _drop = drop;
        Provider = new IdcProvider(new IdcInventory(database, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))));
    }

    public static async Task<IdcBackend> StartAsync(StorageProvider storage)
    {
        SqlDialect dialect;
        Func<Task> drop;
        if (storage == StorageProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"cc-idc-{Guid.NewGuid():N}.db");
            dialect = new SqliteDialect(path);
            drop = () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            };
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("CAPACITY_TEST_POSTGRES")
                ?? throw new InvalidOperationException("CAPACITY_TEST_POSTGRES is not set; run ./test.sh, which starts PostgreSQL.");
            var name = $"cc_idc_{Guid.NewGuid():N}";
            await AdminAsync(server, $"CREATE DATABASE {name}");
            var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
            dialect = new PostgresDialect(source);
            drop = async () => { await source.DisposeAsync(); await AdminAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)"); };
        }
        var backend = new IdcBackend(new Database(dialect), drop);
        await new MigrationRunner(dialect, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        await backend.SeedAsync();
        return backend;
    }

    private async Task SeedAsync()
    {
        await using var c = await Database.OpenAsync();
        await c.ExecuteAsync("INSERT INTO regions (id, name) VALUES ('r1', 'Region 1')");
        await c.ExecuteAsync("INSERT INTO internal_zones (id, region_id, name, health, health_changed_at) VALUES ('iz1', 'r1', 'Zone 1', 'Healthy', @at)",
            new { at = DateTimeOffset.UnixEpoch });
        await c.ExecuteAsync(
            "INSERT INTO member_zones (id, internal_zone_id, provider, name, health) VALUES ('hall-a', 'iz1', 'Idc', 'Hall A', 'Healthy'), ('hall-b', 'iz1', 'Idc', 'Hall B', 'Down')");
        await c.ExecuteAsync("INSERT INTO idc_host_classes (instance_type, family, cores, price_per_hour) VALUES (@t, @f, @cores, @p)",
            new[] { new { t = "idc.h96.general", f = "idc.h96", cores = 96, p = 8.64m }, new { t = "idc.h64.compute", f = "idc.h64", cores = 64, p = 6.08m },
                    new { t = "idc.h32.small", f = "idc.h32", cores = 32, p = 3.2m } });
        await c.ExecuteAsync("INSERT INTO idc_hosts (id, member_zone_id, instance_type, state) VALUES (@id, @zone, @type, 'Free')",
            Hosts("hall-a", "idc.h96.general", 40).Concat(Hosts("hall-a", "idc.h64.compute", 3)).Concat(Hosts("hall-b", "idc.h96.general", 5))
                .Select(h => new { h.id, h.zone, h.type }));
        await c.ExecuteAsync(
            "INSERT INTO idc_hosts (id, member_zone_id, instance_type, state, idempotency_key, tags, allocated_at) VALUES (@id, @zone, @type, 'Allocated', 'someone', '{}', @at)",
            Hosts("hall-a", "idc.h32.small", 4).Select(h => new { h.id, h.zone, h.type, at = DateTimeOffset.UnixEpoch }));
    }

    private static IEnumerable<(string id, string zone, string type)> Hosts(string zone, string type, int count) =>
        Enumerable.Range(1, count).Select(n => ($"{zone}-{type}-{n:D3}", zone, type));

    private static async Task AdminAsync(string server, string sql)
    {
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => new(_drop());
}

using CapacityConsole.Scheduler.Seeding;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Storage;

/// <summary>Start-up work before the console serves anything: migrate, then seed the demo if enabled.</summary>
public sealed class StorageInitializer(MigrationRunner migrations, DemoSeeder seeder, IOptions<DemoOptions> demo)
{
    public async Task<SeedResult?> InitializeAsync(CancellationToken ct = default)
    {
        await migrations.MigrateAsync(ct);
        return demo.Value.Enabled ? await seeder.SeedAsync(ct) : null;
    }
}

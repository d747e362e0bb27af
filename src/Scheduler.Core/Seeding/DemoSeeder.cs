using System.Security.Cryptography;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Services;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Seeding;

/// <summary>What the seed did, for the start-up banner.</summary>
public sealed record SeedResult(IReadOnlyList<string> CreatedUsers, string? GeneratedPassword);

/// <summary>
/// Seeds the demo topology, services, budgets and users in one transaction. Every insert skips
/// rows that exist already, so a second start changes nothing.
/// </summary>
public sealed class DemoSeeder(
    Database db, TopologyRepository topology, ServiceRepository services, BudgetRepository budgets,
    UserRepository users, UserPasswords passwords, IOptions<DemoOptions> options, TimeProvider clock,
    IEnumerable<ISeedContributor> contributors)
{
    public Task<SeedResult> SeedAsync(CancellationToken ct = default) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            await topology.AddMissingAsync(DemoTopology.Build(now), c, tx);
            await services.AddMissingAsync(DemoTopology.Services, c, tx);
            foreach (var budget in DemoBudgets.Build(now))
                await budgets.InsertAsync(budget, c, tx);
            foreach (var contributor in contributors)
                await contributor.SeedAsync(c, tx, now);

            var password = options.Value.Password;
            var generated = password is null ? RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12) : null;
            var created = new List<string>();
            foreach (var (name, display, team, roles) in DemoUsers.All)
            {
                var user = new User(Guid.NewGuid(), name, display, team, roles, "", now);
                user = user with { PasswordHash = passwords.Hash(user, password ?? generated!) };
                if (await users.InsertAsync(user, c, tx)) created.Add(name);
            }
            return new SeedResult(created, created.Count > 0 ? generated : null);
        }, ct);
}

using System.Security.Cryptography;
using System.Text;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Tests.Storage;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Access;

/// <summary>Service accounts' API keys on SQLite and on PostgreSQL: only hashes stored, revocation final.</summary>
public abstract class ApiKeyServiceSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Actor _admin = new("admin", null, Role.Admin | Role.Viewer);

    private ApiKeyService Service(Scheduler.Storage.Database db) => new(db, new ApiKeyRepository(db), new AuditLog(db, _clock), _clock);

    [Fact]
    public async Task Create_StoresTheSha256Only_AndTheKeyAuthenticatesWithItsRoles()
    {
        await using var t = await databases.CreateAsync();
        var keys = Service(t.Database);

        var created = await keys.CreateAsync(new NewApiKey("ci-bot", null, [Role.Planner]), _admin);

        Assert.StartsWith(ApiKeySecret.Marker, created.Secret);
        Assert.True(created.Secret.Length >= 40);
        await using var c = await t.Database.OpenAsync();
        var stored = await c.QuerySingleAsync<(string Hash, string Prefix)>("SELECT key_hash, prefix FROM api_keys");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), stored.Hash);
        Assert.Equal(created.Secret[..ApiKeySecret.PrefixLength], stored.Prefix);

        var found = await keys.AuthenticateAsync(created.Secret);
        Assert.NotNull(found);
        Assert.Equal(Role.Planner | Role.Viewer, found.Roles);
        Assert.Equal("key:ci-bot", found.ActorName);
        Assert.Null(await keys.AuthenticateAsync(created.Secret + "x"));
        Assert.Null(await keys.AuthenticateAsync(created.Secret[..^1]));
    }

    [Fact]
    public async Task Revoke_EndsTheKey_IsAuditedWithoutSecrets_AndTwiceIsAConflict()
    {
        await using var t = await databases.CreateAsync();
        var keys = Service(t.Database);
        var created = await keys.CreateAsync(new NewApiKey("short-lived", null, [Role.Viewer]), _admin);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var revoked = await keys.RevokeAsync(created.Key.Id, _admin);

        Assert.Equal(_clock.GetUtcNow(), revoked.RevokedAt);
        Assert.Null(await keys.AuthenticateAsync(created.Secret));
        await Assert.ThrowsAsync<ConflictException>(() => keys.RevokeAsync(created.Key.Id, _admin));
        await Assert.ThrowsAsync<NotFoundException>(() => keys.RevokeAsync(Guid.NewGuid(), _admin));

        var audit = await new AuditLog(t.Database, _clock).ListAsync("ApiKey", created.Key.Id.ToString());
        Assert.Equal(["Create", "Revoke"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.DoesNotContain(created.Key.KeyHash, (a.Before ?? "") + a.After));
        Assert.All(audit, a => Assert.DoesNotContain(created.Secret, (a.Before ?? "") + a.After));
    }

    [Fact]
    public async Task Create_RefusesNonAdmins_BadInput_AndATakenName_ButANameFreesUpOnRevoke()
    {
        await using var t = await databases.CreateAsync();
        var keys = Service(t.Database);

        await Assert.ThrowsAsync<ForbiddenException>(() => keys.CreateAsync(new NewApiKey("x", null, [Role.Viewer]), new Actor("planner", null, Role.Planner)));
        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("has space", null, []), _admin));
        Assert.Equal(["Name", "Roles"], invalid.Errors.Keys.Order());
        var teamless = await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("owner-bot", null, [Role.ServiceOwner]), _admin));
        Assert.Equal(["Team"], teamless.Errors.Keys);
        await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("x", null, [(Role)64]), _admin));

        var first = await keys.CreateAsync(new NewApiKey("deploy-bot", null, [Role.Viewer]), _admin);
        await Assert.ThrowsAsync<ConflictException>(() => keys.CreateAsync(new NewApiKey("deploy-bot", null, [Role.Viewer]), _admin));
        await keys.RevokeAsync(first.Key.Id, _admin);
        var second = await keys.CreateAsync(new NewApiKey("deploy-bot", null, [Role.Viewer]), _admin);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(2, (await keys.ListAsync()).Count);
    }
}

public sealed class SqliteApiKeyServiceTests() : ApiKeyServiceSuite(new SqliteDatabases());

public sealed class PostgresApiKeyServiceTests() : ApiKeyServiceSuite(new PostgresDatabases());

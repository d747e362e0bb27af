using System.Security.Cryptography;
using System.Text;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Tests.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Access;

/// <summary>
/// API keys on SQLite and on PostgreSQL: only hashes stored, revocation final, and each key issued to
/// a user it acts as (issue 10), never with more roles than that user holds.
/// </summary>
public abstract class ApiKeyServiceSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Actor _admin = new("admin", null, Role.Admin | Role.Viewer);

    private ApiKeyService Service(Scheduler.Storage.Database db) =>
        new(db, new ApiKeyRepository(db), new UserRepository(db), new AuditLog(db, _clock), _clock);

    private UserAdministration Users(Scheduler.Storage.Database db) =>
        new(db, new UserRepository(db), new UserPasswords(), new UserSessions(db, _clock, Options.Create(new SignInSessionOptions())), new AuditLog(db, _clock), _clock);

    /// <summary>A planner service account and a service owner of team trade to issue keys to.</summary>
    private async Task SeedHoldersAsync(Scheduler.Storage.Database db)
    {
        await Users(db).CreateAsync(new NewUser("ci-bot", "CI pipeline", null, [Role.Planner], "ci-bot-password-1"), _admin);
        await Users(db).CreateAsync(new NewUser("olive", "Olive Owner", "trade", [Role.ServiceOwner], "olive-password-1"), _admin);
    }

    [Fact]
    public async Task Create_StoresTheSha256Only_AndTheKeyActsAsItsHolderWithItsRoles()
    {
        await using var t = await databases.CreateAsync();
        await SeedHoldersAsync(t.Database);
        var keys = Service(t.Database);

        var created = await keys.CreateAsync(new NewApiKey("ci", "ci-bot", [Role.Planner]), _admin);

        Assert.StartsWith(ApiKeySecret.Marker, created.Secret);
        Assert.True(created.Secret.Length >= 40);
        await using var c = await t.Database.OpenAsync();
        var stored = await c.QuerySingleAsync<(string Hash, string Prefix, string Holder)>("SELECT key_hash, prefix, user_name FROM api_keys");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), stored.Hash);
        Assert.Equal(created.Secret[..ApiKeySecret.PrefixLength], stored.Prefix);
        Assert.Equal("ci-bot", stored.Holder);

        var (found, refusal) = await keys.AuthenticateAsync(created.Secret);
        Assert.Null(refusal);
        Assert.NotNull(found);
        Assert.Equal(Role.Planner | Role.Viewer, found.Roles);
        Assert.Equal("ci-bot", found.Holder.UserName);
        Assert.Null((await keys.AuthenticateAsync(created.Secret + "x")).Holder);
        Assert.Null((await keys.AuthenticateAsync(created.Secret[..^1])).Holder);
    }

    [Fact]
    public async Task Key_TakesTheTeamOfItsHolder_AndLosesWhatTheHolderLoses()
    {
        await using var t = await databases.CreateAsync();
        await SeedHoldersAsync(t.Database);
        var keys = Service(t.Database);
        var created = await keys.CreateAsync(new NewApiKey("olive-filer", "olive", [Role.ServiceOwner]), _admin);
        Assert.Equal("trade", (await keys.AuthenticateAsync(created.Secret)).Holder!.Holder.Team);

        // The holder is moved to viewer only: the key keeps its row but acts only with what is left.
        await Users(t.Database).SetRolesAsync("olive", [Role.Viewer], null, _admin);
        Assert.Equal(Role.Viewer, (await keys.AuthenticateAsync(created.Secret)).Holder!.Roles);

        await Users(t.Database).SetDisabledAsync("olive", true, _admin);
        var (holder, refusal) = await keys.AuthenticateAsync(created.Secret);
        Assert.Null(holder);
        Assert.Contains("disabled", refusal);
    }

    [Fact]
    public async Task KeyWithoutAHolder_FromBeforeKeysNamedOne_IsRefused()
    {
        await using var t = await databases.CreateAsync();
        var secret = ApiKeySecret.Generate();
        await t.Database.InTransactionAsync((c, tx) => new ApiKeyRepository(t.Database).InsertAsync(new ApiKey(Guid.NewGuid(), "legacy-bot", null,
            Role.Planner | Role.Viewer, ApiKeySecret.Hash(secret), ApiKeySecret.PrefixOf(secret), "admin", _clock.GetUtcNow(), null, null, null), c, tx));

        var (holder, refusal) = await Service(t.Database).AuthenticateAsync(secret);

        Assert.Null(holder);
        Assert.Contains("issue a new one", refusal);
    }

    [Fact]
    public async Task Revoke_EndsTheKey_IsAuditedWithoutSecrets_AndTwiceIsAConflict()
    {
        await using var t = await databases.CreateAsync();
        await SeedHoldersAsync(t.Database);
        var keys = Service(t.Database);
        var created = await keys.CreateAsync(new NewApiKey("short-lived", "ci-bot", [Role.Viewer]), _admin);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var revoked = await keys.RevokeAsync(created.Key.Id, _admin);

        Assert.Equal(_clock.GetUtcNow(), revoked.RevokedAt);
        Assert.Null((await keys.AuthenticateAsync(created.Secret)).Holder);
        await Assert.ThrowsAsync<ConflictException>(() => keys.RevokeAsync(created.Key.Id, _admin));
        await Assert.ThrowsAsync<NotFoundException>(() => keys.RevokeAsync(Guid.NewGuid(), _admin));

        var audit = await new AuditLog(t.Database, _clock).ListAsync("ApiKey", created.Key.Id.ToString());
        Assert.Equal(["Create", "Revoke"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.DoesNotContain(created.Key.KeyHash, (a.Before ?? "") + a.After));
        Assert.All(audit, a => Assert.DoesNotContain(created.Secret, (a.Before ?? "") + a.After));
    }

    [Fact]
    public async Task Create_RefusesNonAdmins_BadInput_RolesTheHolderLacks_AndATakenName_ButANameFreesUpOnRevoke()
    {
        await using var t = await databases.CreateAsync();
        await SeedHoldersAsync(t.Database);
        var keys = Service(t.Database);

        await Assert.ThrowsAsync<ForbiddenException>(() => keys.CreateAsync(new NewApiKey("x", "ci-bot", [Role.Viewer]), new Actor("planner", null, Role.Planner)));
        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("has space", "", []), _admin));
        Assert.Equal(["Name", "Roles", "UserName"], invalid.Errors.Keys.Order());
        var nobody = await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("x", "nobody", [Role.Viewer]), _admin));
        Assert.Contains("no user 'nobody'", nobody.Errors["UserName"][0]);
        var tooMuch = await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("x", "olive", [Role.Planner]), _admin));
        Assert.Contains("lacks Planner", tooMuch.Errors["Roles"][0]);
        await Assert.ThrowsAsync<DomainValidationException>(() => keys.CreateAsync(new NewApiKey("x", "ci-bot", [(Role)64]), _admin));
        Assert.Empty((await keys.PageAsync(new ApiKeyFilter(), PageRequest.First())).Items);

        var first = await keys.CreateAsync(new NewApiKey("deploy-bot", "ci-bot", [Role.Viewer]), _admin);
        await Assert.ThrowsAsync<ConflictException>(() => keys.CreateAsync(new NewApiKey("deploy-bot", "ci-bot", [Role.Viewer]), _admin));
        await keys.RevokeAsync(first.Key.Id, _admin);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await keys.CreateAsync(new NewApiKey("deploy-bot", "ci-bot", [Role.Viewer]), _admin);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(2, (await keys.PageAsync(new ApiKeyFilter(), PageRequest.First())).Total);
        // Newest first; the filter tells active from revoked keys.
        Assert.Equal([second.Key.Id, first.Key.Id], (await keys.PageAsync(new ApiKeyFilter(), PageRequest.First())).Items.Select(k => k.Id));
        Assert.Equal([second.Key.Id], (await keys.PageAsync(new ApiKeyFilter(Revoked: false), PageRequest.First())).Items.Select(k => k.Id));
        Assert.Equal([first.Key.Id], (await keys.PageAsync(new ApiKeyFilter(Revoked: true, Search: "DEPLOY"), PageRequest.First())).Items.Select(k => k.Id));
        Assert.Empty((await keys.PageAsync(new ApiKeyFilter(Search: "deploy%"), PageRequest.First())).Items);
    }
}

public sealed class SqliteApiKeyServiceTests() : ApiKeyServiceSuite(new SqliteDatabases());

public sealed class PostgresApiKeyServiceTests() : ApiKeyServiceSuite(new PostgresDatabases());

using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Tests.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Access;

/// <summary>Admins manage local users on SQLite and PostgreSQL: audited, passwords hashed, never self-demoting.</summary>
public abstract class UserAdministrationSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Actor _admin = new("root", null, Role.Admin | Role.Viewer);
    private readonly UserPasswords _passwords = new();

    private UserAdministration Admin(Scheduler.Storage.Database db) =>
        new(db, new UserRepository(db), _passwords, new UserSessions(db, _clock, Options.Create(new SignInSessionOptions())), new AuditLog(db, _clock), _clock);

    private static NewUser Alice(string password = "correct horse battery") =>
        new("Alice", "Alice Wang", "trade", [Role.ServiceOwner], password);

    [Fact]
    public async Task Create_HashesThePassword_AuditsWithoutIt_AndTheUserCanBeFound()
    {
        await using var t = await databases.CreateAsync();
        var created = await Admin(t.Database).CreateAsync(Alice(), _admin);

        var found = await new UserRepository(t.Database).FindAsync("alice");
        Assert.NotNull(found);
        Assert.Equal(("alice", "Alice Wang", "trade", Role.ServiceOwner | Role.Viewer, false),
            (found.UserName, found.DisplayName, found.Team, found.Roles, found.Disabled));
        Assert.True(_passwords.Verify(found, "correct horse battery"));
        Assert.DoesNotContain("correct horse battery", found.PasswordHash);
        var audit = Assert.Single(await new AuditLog(t.Database, _clock).ListAsync("User", "alice"));
        Assert.Equal(("Create", "root"), (audit.Action, audit.Actor));
        Assert.DoesNotContain("correct horse", audit.After);
        Assert.DoesNotContain(created.PasswordHash, audit.After);
    }

    [Fact]
    public async Task Create_RefusesBadInput_ATakenName_AndNonAdmins_StoringNothing()
    {
        await using var t = await databases.CreateAsync();
        var admin = Admin(t.Database);

        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() =>
            admin.CreateAsync(new NewUser("9 bad", " ", null, [Role.ServiceOwner], "short"), _admin));
        Assert.Equal(["DisplayName", "Password", "Team", "UserName"], invalid.Errors.Keys.Order());
        var noRoles = await Assert.ThrowsAsync<DomainValidationException>(() => admin.CreateAsync(Alice() with { Roles = [] }, _admin));
        Assert.Equal(["Roles"], noRoles.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenException>(() => admin.CreateAsync(Alice(), new Actor("p", null, Role.Planner | Role.Viewer)));
        await using (var c = await t.Database.OpenAsync())
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));

        await admin.CreateAsync(Alice(), _admin);
        await Assert.ThrowsAsync<ConflictException>(() => admin.CreateAsync(Alice() with { UserName = "ALICE" }, _admin));
    }

    [Fact]
    public async Task ChangeRoles_DisableAndReset_AreAudited_AndResetReplacesThePassword()
    {
        await using var t = await databases.CreateAsync();
        var admin = Admin(t.Database);
        await admin.CreateAsync(Alice(), _admin);

        await admin.SetRolesAsync("alice", [Role.Planner, Role.OnCall], null, _admin);
        await admin.SetDisabledAsync("alice", true, _admin);
        await Assert.ThrowsAsync<ConflictException>(() => admin.SetDisabledAsync("alice", true, _admin));
        await admin.SetDisabledAsync("alice", false, _admin);
        await Assert.ThrowsAsync<DomainValidationException>(() => admin.ResetPasswordAsync("alice", "too short", _admin));
        await admin.ResetPasswordAsync("alice", "a brand new passphrase", _admin);

        var alice = (await new UserRepository(t.Database).FindAsync("alice"))!;
        Assert.Equal((Role.Planner | Role.OnCall | Role.Viewer, (string?)null, false), (alice.Roles, alice.Team, alice.Disabled));
        Assert.False(_passwords.Verify(alice, "correct horse battery"));
        Assert.True(_passwords.Verify(alice, "a brand new passphrase"));
        var audit = await new AuditLog(t.Database, _clock).ListAsync("User", "alice");
        Assert.Equal(["Create", "ChangeRoles", "Disable", "Enable", "ResetPassword"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.DoesNotContain("passphrase", (a.Before ?? "") + a.After));
        Assert.All(audit, a => Assert.DoesNotContain(alice.PasswordHash, (a.Before ?? "") + a.After));
        await Assert.ThrowsAsync<NotFoundException>(() => admin.SetDisabledAsync("nobody", true, _admin));
    }

    [Fact]
    public async Task AnAdmin_CannotRemoveTheirOwnAdminRole_OrDisableThemselves()
    {
        await using var t = await databases.CreateAsync();
        var admin = Admin(t.Database);
        await admin.CreateAsync(new NewUser("root", "Root", null, [Role.Admin], "root-password-123"), _admin);

        var demotion = await Assert.ThrowsAsync<DomainValidationException>(() => admin.SetRolesAsync("root", [Role.Planner], null, _admin));
        Assert.Contains("own Admin role", demotion.Errors["Roles"].Single());
        var disable = await Assert.ThrowsAsync<ConflictException>(() => admin.SetDisabledAsync("root", true, _admin));
        Assert.Contains("cannot disable yourself", disable.Message);

        var root = (await new UserRepository(t.Database).FindAsync("root"))!;
        Assert.Equal((Role.Admin | Role.Viewer, false), (root.Roles, root.Disabled));
        Assert.Equal(["Create"], (await new AuditLog(t.Database, _clock).ListAsync("User", "root")).Select(a => a.Action));
    }
}

public sealed class SqliteUserAdministrationTests() : UserAdministrationSuite(new SqliteDatabases());

public sealed class PostgresUserAdministrationTests() : UserAdministrationSuite(new PostgresDatabases());

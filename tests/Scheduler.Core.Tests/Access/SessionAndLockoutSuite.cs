using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Tests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CapacityConsole.Scheduler.Tests.Access;

/// <summary>Server-side sessions and sign-in lockout (issue 10) on SQLite and PostgreSQL.</summary>
public abstract class SessionAndLockoutSuite(ITestDatabaseFactory databases)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly Actor _admin = new("root", null, Role.Admin | Role.Viewer);

    private UserAdministration Users(Scheduler.Storage.Database db) =>
        new(db, new UserRepository(db), new UserPasswords(), new UserSessions(db, _clock, Options.Create(new SignInSessionOptions())), new AuditLog(db, _clock), _clock);

    private static readonly SignInLockoutOptions LockoutOptions = new() { MaxFailedAttempts = 5, Duration = TimeSpan.FromMinutes(5), FailureWindow = TimeSpan.FromHours(1) };
    private static readonly SignInSessionOptions SessionOptions = new() { AbsoluteLifetime = TimeSpan.FromDays(7) };

    private SignInLockout Lockout(Scheduler.Storage.Database db) => new(db, Options.Create(LockoutOptions), _clock);

    private UserSessions Sessions(Scheduler.Storage.Database db) => new(db, _clock, Options.Create(SessionOptions));

    private AccessHousekeeping Housekeeping(Scheduler.Storage.Database db) =>
        new(db, Options.Create(SessionOptions), Options.Create(LockoutOptions), _clock);

    [Fact]
    public async Task EndingASession_EndsOnlyThatOne()
    {
        await using var t = await databases.CreateAsync();
        var sessions = Sessions(t.Database);
        var laptop = await sessions.StartAsync("alice");
        var phone = await sessions.StartAsync("alice");

        await sessions.EndAsync(laptop);

        Assert.False(await sessions.IsActiveAsync(laptop, "alice"));
        Assert.True(await sessions.IsActiveAsync(phone, "alice"));
        // A session is one user's: presenting it under another name does not work.
        Assert.False(await sessions.IsActiveAsync(phone, "mallory"));
    }

    [Theory]
    [InlineData("ResetPassword")]
    [InlineData("Disable")]
    [InlineData("ChangeRoles")]
    public async Task AnAdminsChange_EndsEverySessionOfTheUser_AndNoOneElses(string change)
    {
        await using var t = await databases.CreateAsync();
        var users = Users(t.Database);
        await users.CreateAsync(new NewUser("alice", "Alice", null, [Role.Planner], "alice-password-1"), _admin);
        await users.CreateAsync(new NewUser("bob", "Bob", null, [Role.Planner], "bob-password-11"), _admin);
        var sessions = Sessions(t.Database);
        var (a1, a2, b) = (await sessions.StartAsync("alice"), await sessions.StartAsync("alice"), await sessions.StartAsync("bob"));

        await (change switch
        {
            "ResetPassword" => users.ResetPasswordAsync("alice", "a-new-password-1", _admin),
            "Disable" => users.SetDisabledAsync("alice", true, _admin),
            _ => users.SetRolesAsync("alice", [Role.Viewer], null, _admin),
        });

        Assert.False(await sessions.IsActiveAsync(a1, "alice"));
        Assert.False(await sessions.IsActiveAsync(a2, "alice"));
        Assert.True(await sessions.IsActiveAsync(b, "bob"));
    }

    [Fact]
    public async Task Lockout_FollowsIdentitysSemantics_ForRealAndUnknownNamesAlike()
    {
        await using var t = await databases.CreateAsync();
        var lockout = Lockout(t.Database);

        foreach (var name in new[] { "alice", "no-such-user" })
        {
            for (var i = 1; i < 5; i++) Assert.Null(await lockout.RecordFailureAsync(name));
            Assert.Null(await lockout.LockedUntilAsync(name));
            var until = await lockout.RecordFailureAsync(name);
            Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(5), until);
            // Case and spaces do not make a fresh name to guess under.
            Assert.Equal(until, await lockout.LockedUntilAsync($" {name.ToUpperInvariant()} "));
        }

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Null(await lockout.LockedUntilAsync("alice"));
        // The count started again at the lockout: one more failure does not lock at once.
        Assert.Null(await lockout.RecordFailureAsync("alice"));
        await lockout.ResetAsync("alice");
        for (var i = 1; i < 5; i++) Assert.Null(await lockout.RecordFailureAsync("alice"));
        Assert.NotNull(await lockout.RecordFailureAsync("alice"));
    }

    [Fact]
    public async Task ASession_EndsAtItsAbsoluteLifetime_HoweverOftenItIsUsed()
    {
        await using var t = await databases.CreateAsync();
        var sessions = Sessions(t.Database);
        var session = await sessions.StartAsync("alice");

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.True(await sessions.IsActiveAsync(session, "alice"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await sessions.IsActiveAsync(session, "alice"));
    }

    [Fact]
    public async Task FailuresOlderThanTheWindow_AreForgotten_SoTheyNoLongerAddUpToALockout()
    {
        await using var t = await databases.CreateAsync();
        var lockout = Lockout(t.Database);
        for (var i = 1; i < 5; i++) Assert.Null(await lockout.RecordFailureAsync("alice"));

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        // The fifth failure is the first of a new count; four more are needed to lock.
        for (var i = 1; i < 5; i++) Assert.Null(await lockout.RecordFailureAsync("alice"));
        Assert.NotNull(await lockout.RecordFailureAsync("alice"));
    }

    [Fact]
    public async Task Housekeeping_DeletesOnlyWhatNobodyCanUse()
    {
        await using var t = await databases.CreateAsync();
        var (sessions, lockout, housekeeping) = (Sessions(t.Database), Lockout(t.Database), Housekeeping(t.Database));
        var old = await sessions.StartAsync("alice");           // will pass its absolute lifetime
        _clock.Advance(TimeSpan.FromDays(6));
        var signedOut = await sessions.StartAsync("bob");      // ended more than a day before the pass
        await sessions.EndAsync(signedOut);
        for (var i = 0; i < 5; i++) await lockout.RecordFailureAsync("locked-name");
        await lockout.RecordFailureAsync("sprayed-name-1");
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var justEnded = await sessions.StartAsync("carol");    // ended minutes ago: kept for a day
        await sessions.EndAsync(justEnded);
        var live = await sessions.StartAsync("dave");
        for (var i = 0; i < 5; i++) await lockout.RecordFailureAsync("locked-now");
        await lockout.RecordFailureAsync("recent-failure");

        var pruned = await housekeeping.PruneAsync();

        // alice's (past 7 days) and bob's (ended over a day ago) sessions; the stale counts of
        // locked-name (its lockout long over) and sprayed-name-1.
        Assert.Equal(new AccessHousekeeping.Pruned(2, 2), pruned);
        Assert.True(await sessions.IsActiveAsync(live, "dave"));
        Assert.False(await sessions.IsActiveAsync(old, "alice"));
        Assert.NotNull(await lockout.LockedUntilAsync("locked-now"));
        // recent-failure's count survived: four more failures lock it.
        for (var i = 0; i < 3; i++) Assert.Null(await lockout.RecordFailureAsync("recent-failure"));
        Assert.NotNull(await lockout.RecordFailureAsync("recent-failure"));
        Assert.Equal(new AccessHousekeeping.Pruned(0, 0), await housekeeping.PruneAsync());
    }
}

public sealed class SqliteSessionAndLockoutTests() : SessionAndLockoutSuite(new SqliteDatabases());

public sealed class PostgresSessionAndLockoutTests() : SessionAndLockoutSuite(new PostgresDatabases());

using System.ComponentModel.DataAnnotations;
using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Access;

/// <summary>Sign-in lockout; the defaults are ASP.NET Core Identity's (5 failures, 5 minutes).</summary>
public sealed class SignInLockoutOptions
{
    public const string SectionName = "SignIn:Lockout";

    [Range(1, 100, ErrorMessage = "SignIn:Lockout:MaxFailedAttempts must be between 1 and 100.")]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "SignIn:Lockout:Duration must be between 1 second and 1 day.")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Failures older than this are forgotten (the count starts again) and their rows deleted by
    /// <see cref="AccessHousekeeping"/>: counts are kept per typed name, real or not, so without it a
    /// spray of made-up names would grow the table for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "SignIn:Lockout:FailureWindow must be between 1 minute and 30 days.")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Locks a user name after repeated failed sign-ins, with ASP.NET Core Identity's semantics: each
/// failure counts; reaching the limit locks the name for a while and starts the count again; while
/// locked, even the right password is refused and nothing counts; a successful sign-in clears the
/// count, and so do <see cref="SignInLockoutOptions.FailureWindow"/> without a failure. It is kept per typed user name whether or not such a user exists, so the lockout answer
/// reveals nothing about which names are real.
/// </summary>
public sealed class SignInLockout(Database db, IOptions<SignInLockoutOptions> options, TimeProvider clock)
{
    /// <summary>Until when the name is locked, or null when it may try now.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string userName, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<FailureRow>(
            "SELECT failed_count AS FailedCount, locked_until AS LockedUntil FROM sign_in_failures WHERE user_name = @name",
            new { name = Normalize(userName) });
        return row?.LockedUntil is { } until && until > clock.GetUtcNow() ? until : null;
    }

    /// <summary>Counts a failure; returns the end of the lockout when this failure started one.</summary>
    public Task<DateTimeOffset?> RecordFailureAsync(string userName, CancellationToken ct = default) =>
        db.InTransactionAsync<DateTimeOffset?>(async (c, tx) =>
        {
            var name = Normalize(userName);
            var now = clock.GetUtcNow();
            await c.ExecuteAsync(
                """
                INSERT INTO sign_in_failures (user_name, failed_count, locked_until, last_failed_at) VALUES (@name, 1, NULL, @now)
                ON CONFLICT (user_name) DO UPDATE SET last_failed_at = @now, failed_count =
                    CASE WHEN sign_in_failures.last_failed_at IS NULL OR sign_in_failures.last_failed_at < @forgetBefore THEN 1
                         ELSE sign_in_failures.failed_count + 1 END
                """, new { name, now, forgetBefore = now - options.Value.FailureWindow }, tx);
            var count = await c.ExecuteScalarAsync<long>("SELECT failed_count FROM sign_in_failures WHERE user_name = @name", new { name }, tx);
            if (count < options.Value.MaxFailedAttempts) return null;
            var until = now + options.Value.Duration;
            await c.ExecuteAsync("UPDATE sign_in_failures SET failed_count = 0, locked_until = @until WHERE user_name = @name", new { name, until }, tx);
            return until;
        }, ct);

    public Task ResetAsync(string userName, CancellationToken ct = default) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync("DELETE FROM sign_in_failures WHERE user_name = @name", new { name = Normalize(userName) }, tx), ct);

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    private sealed class FailureRow
    {
        public long FailedCount { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}

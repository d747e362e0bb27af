using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Deletes sign-in bookkeeping nobody can use any more, so the tables hold recent activity only:
/// sessions a day after they ended or once past their absolute lifetime, and failure counts past
/// the failure window that no longer lock their name. Run hourly by a recurring job.
/// </summary>
public sealed class AccessHousekeeping(Database db, IOptions<SignInSessionOptions> sessions, IOptions<SignInLockoutOptions> lockout, TimeProvider clock)
{
    /// <summary>How long an ended session's row is kept: long enough to read "signed out at" when looking into an incident.</summary>
    public static readonly TimeSpan EndedSessionsKept = TimeSpan.FromDays(1);

    public sealed record Pruned(int Sessions, int FailureCounts);

    public Task<Pruned> PruneAsync(CancellationToken ct = default) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var deletedSessions = await c.ExecuteAsync(
                "DELETE FROM user_sessions WHERE ended_at < @endedBefore OR created_at < @startedBefore",
                new { endedBefore = now - EndedSessionsKept, startedBefore = now - sessions.Value.AbsoluteLifetime }, tx);
            var deletedFailures = await c.ExecuteAsync(
                """
                DELETE FROM sign_in_failures
                WHERE (locked_until IS NULL OR locked_until < @now) AND (last_failed_at IS NULL OR last_failed_at < @forgetBefore)
                """, new { now, forgetBefore = now - lockout.Value.FailureWindow }, tx);
            return new Pruned(deletedSessions, deletedFailures);
        }, ct);
}

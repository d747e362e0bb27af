using System.Data.Common;
using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Server-side sign-in sessions. The sign-in cookie names one; it is honoured only while the row
/// is open, so sign-out ends it on the server (a copied cookie stops working) and an admin's
/// password reset, disable or role change ends every session of that user at once. This plays the
/// part of ASP.NET Core Identity's security stamp, with the difference that one sign-out does not
/// end the user's other sessions. A session also ends <see cref="SignInSessionOptions.AbsoluteLifetime"/>
/// after it started, and <see cref="AccessHousekeeping"/> deletes the rows of ended ones.
/// </summary>
public sealed class UserSessions(Database db, TimeProvider clock, IOptions<SignInSessionOptions> options)
{
    public async Task<Guid> StartAsync(string userName, CancellationToken ct = default)
    {
        var id = Guid.NewGuid();
        await db.InTransactionAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO user_sessions (id, user_name, created_at, ended_at) VALUES (@id, @userName, @now, NULL)",
            new { id, userName = Normalize(userName), now = clock.GetUtcNow() }, tx), ct);
        return id;
    }

    public async Task<bool> IsActiveAsync(Guid id, string userName, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM user_sessions WHERE id = @id AND user_name = @userName AND ended_at IS NULL AND created_at > @startedAfter",
            new { id, userName = Normalize(userName), startedAfter = clock.GetUtcNow() - options.Value.AbsoluteLifetime }) > 0;
    }

    public Task EndAsync(Guid id, CancellationToken ct = default) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync(
            "UPDATE user_sessions SET ended_at = @now WHERE id = @id AND ended_at IS NULL", new { id, now = clock.GetUtcNow() }, tx), ct);

    /// <summary>Ends every open session of the user, inside the caller's transaction (the change that requires it).</summary>
    public Task EndAllAsync(string userName, DbConnection c, DbTransaction tx) =>
        c.ExecuteAsync("UPDATE user_sessions SET ended_at = @now WHERE user_name = @userName AND ended_at IS NULL",
            new { userName = Normalize(userName), now = clock.GetUtcNow() }, tx);

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}

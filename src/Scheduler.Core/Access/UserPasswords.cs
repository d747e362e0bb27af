using Microsoft.AspNetCore.Identity;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// Hashes and checks local users' passwords with ASP.NET Core Identity's PBKDF2 hasher; only the
/// hash is ever stored.
/// </summary>
public sealed class UserPasswords
{
    private readonly PasswordHasher<User> _hasher = new();

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(User user, string password) =>
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}

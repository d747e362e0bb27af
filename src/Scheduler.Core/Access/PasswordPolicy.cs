namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// The one password rule of the console: users created by an admin, password resets, the demo
/// users' configured password and the first admin's one-time password all meet it.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? password) =>
        password is null || password.Length < MinLength ? $"A password has at least {MinLength} characters."
        : password.Length > MaxLength ? $"A password has at most {MaxLength} characters."
        : null;
}

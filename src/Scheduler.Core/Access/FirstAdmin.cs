using CapacityConsole.Scheduler.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Access;

/// <summary>
/// The first admin of a console started without the demo (production): a user name and a one-time
/// initial password from configuration (FirstAdmin:UserName, FirstAdmin:Password, or the
/// FirstAdmin__Password environment variable). It is used once: when no admin exists yet. After
/// that the setting is ignored, and the admin changes the password on the Admin page.
/// </summary>
public sealed class FirstAdminOptions
{
    public const string SectionName = "FirstAdmin";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? DisplayName { get; set; }
}

public sealed class FirstAdminOptionsValidator : IValidateOptions<FirstAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, FirstAdminOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.UserName) && string.IsNullOrEmpty(options.Password)) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.UserName)) return ValidateOptionsResult.Fail("FirstAdmin:Password is set but FirstAdmin:UserName is not.");
        return PasswordPolicy.Problem(options.Password) is { } problem
            ? ValidateOptionsResult.Fail($"FirstAdmin:Password: {problem}")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Creates the configured first admin when the console has no admin yet.</summary>
public sealed class FirstAdmin(Database db, UserAdministration users, IOptions<FirstAdminOptions> options)
{
    /// <summary>The user name created now, or null when nothing was configured or an admin exists already.</summary>
    public async Task<string?> EnsureAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.UserName) || o.Password is null) return null;
        if (await AnyAdminAsync(ct)) return null;
        var created = await users.CreateAsync(new NewUser(o.UserName, o.DisplayName ?? o.UserName, null, [Role.Admin], o.Password),
            Actor.System("first-admin-setup"), ct);
        return created.UserName;
    }

    /// <summary>Whether any user can sign in at all, for the start-up banner's warning.</summary>
    public async Task<bool> AnyUserAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE disabled = @no", new { no = false }) > 0;
    }

    private async Task<bool> AnyAdminAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        // Roles are stored as the enum's names ("Viewer, Admin"); few rows, so they are read and parsed here.
        var roles = await c.QueryAsync<string>("SELECT roles FROM users");
        return roles.Any(r => Enum.TryParse<Role>(r, out var parsed) && parsed.HasFlag(Role.Admin));
    }
}

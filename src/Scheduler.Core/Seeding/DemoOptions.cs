using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Seeding;

/// <summary>
/// The embedded default's demo data. The demo users' password comes from configuration
/// (Demo:Password, or the Demo__Password environment variable); when none is set, a
/// random one is made at first start and printed once. It is never stored, only its hash.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo topology, services, budgets and the six demo sign-ins. Default: on in Development only (see AddSchedulerCore).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>File and approve the demo flash sale at start (when none is open). Tests that need a quiet database turn it off.</summary>
    public bool FlashSale { get; set; } = true;

    // The one password policy (PasswordPolicy.MinLength): the demo users include an admin.
    [MinLength(Access.PasswordPolicy.MinLength, ErrorMessage = "Demo:Password must have at least 12 characters.")]
    public string? Password { get; set; }
}

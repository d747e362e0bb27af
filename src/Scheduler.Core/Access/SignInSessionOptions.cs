using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Access;

/// <summary>How long a server-side sign-in session lives, however often it is used.</summary>
public sealed class SignInSessionOptions
{
    public const string SectionName = "SignIn:Session";

    /// <summary>
    /// A session ends this long after sign-in even while its sliding cookie keeps being renewed, so a
    /// copied cookie does not work for ever (OWASP's absolute timeout). A week keeps a wall screen
    /// in the operations room signed in across shifts.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "SignIn:Session:AbsoluteLifetime must be between 1 hour and 90 days.")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(7);
}

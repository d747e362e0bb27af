using AngleSharp.Dom;
using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Administration;

/// <summary>The demo admin signed in, with helpers to work MudBlazor's checkboxes and read field messages.</summary>
public abstract class AdminTestContext : ConsoleTestContext
{
    protected static readonly Role AdminRoles = Role.Admin | Role.Planner | Role.OnCall | Role.Viewer;

    protected AdminTestContext() => SignIn("admin", AdminRoles);

    protected static string[] Errors(IRenderedComponent<PageHost> page) =>
        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToArray();

    protected static void Tick(IRenderedComponent<PageHost> page, string testId, bool on = true) =>
        Checkbox(page, testId).Change(on);

    private static IElement Checkbox(IRenderedComponent<PageHost> page, string testId) =>
        page.FindAll($"[data-testid={testId}] input[type=checkbox], input[type=checkbox][data-testid={testId}]").First();
}

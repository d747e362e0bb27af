using Bunit;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Scheduler.Topology;
using CapacityConsole.Web.Components.Shared;
using MudBlazor.Services;

namespace CapacityConsole.Web.ComponentTests.Pages;

/// <summary>Issue 14: what a reader sees is words, not enum names, JSON or GUIDs.</summary>
public sealed class HumanNamesTests : BunitContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services dispose only asynchronously (as in ConsoleTestContext).</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public HumanNamesTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void StateAndHealthChips_ShowWords()
    {
        Assert.Equal("Pending approval", Render<StateChip>(p => p.Add(c => c.Budget, BudgetState.PendingApproval)).Find("[data-testid=state]").TextContent.Trim());
        Assert.Equal("Down", Render<HealthChip>(p => p.Add(c => c.Health, ZoneHealth.Down)).Find("[data-testid=health]").TextContent.Trim());
    }

    [Fact]
    public void AuditHistory_ListsFieldByFieldChanges_WithNamesForIds()
    {
        var budget = Guid.NewGuid();
        var e = new AuditEvent(Guid.NewGuid(), new DateTimeOffset(2026, 12, 1, 9, 34, 7, TimeSpan.Zero), "planner", "CoreQuotaRequest", Guid.NewGuid().ToString(), "Approve",
            """{"State":"Submitted","Cores":960,"CommittedAmount":0}""",
            $$"""{"State":"PendingApproval","Cores":960,"CommittedAmount":1234.5,"BudgetId":"{{budget}}","Other":"{{Guid.Empty}}"}""");

        var trail = Render<AuditTrail>(p => p.Add(c => c.Events, [e]).Add(c => c.Names, new Dictionary<string, string> { [budget.ToString()] = "Double 12" }));

        var changes = trail.Find("[data-testid=audit-changes]").TextContent;
        Assert.Contains("State: Submitted → Pending approval", Squash(changes));
        Assert.Contains("Committed amount: ¥0.00 → ¥1,234.50", Squash(changes));
        Assert.Contains("Budget id: Double 12", Squash(changes));
        Assert.DoesNotContain("Cores", changes); // unchanged
        Assert.DoesNotContain("{", changes);
        Assert.DoesNotContain(Guid.Empty.ToString(), changes);
        Assert.Contains("2026-12-01 09:34:07 UTC", trail.Markup);
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}

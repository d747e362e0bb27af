using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CapacityConsole.Scheduler.Budgets;
using CapacityConsole.Web.Tests.Infrastructure;

namespace CapacityConsole.Web.Tests.Api;

public sealed class BudgetsApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static object NewBudget(decimal amount) => new
    {
        name = "Test event", costCenter = "CC-TEST", eventName = "Test", amount,
        periodStart = "2027-01-01T00:00:00Z", periodEnd = "2027-01-08T00:00:00Z",
    };

    [Fact]
    public async Task List_ReturnsTheSeededBudgets_FromTheDatabase()
    {
        var client = await SignedInClient.CreateAsync(factory, "viewer");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/budgets"));
        var names = json.RootElement.EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        Assert.Contains("Double 12 flash sale", names);
        Assert.Contains(json.RootElement.EnumerateArray(), b => b.GetProperty("state").GetString() == "PendingApproval");
    }

    [Fact]
    public async Task Create_IsForPlanners()
    {
        var viewer = await SignedInClient.CreateAsync(factory, "viewer");
        var refused = await viewer.PostAsJsonAsync("/api/v1/budgets", NewBudget(1000m));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var planner = await SignedInClient.CreateAsync(factory, "planner");
        var created = await planner.PostAsJsonAsync("/api/v1/budgets", NewBudget(1000.5m));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("Draft", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(1000.5m, json.RootElement.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Create_WithBadValues_IsAValidationProblem_AndChangesNothing()
    {
        var planner = await SignedInClient.CreateAsync(factory, "planner");
        var before = await CountAsync(planner);

        var response = await planner.PostAsJsonAsync("/api/v1/budgets", NewBudget(0m));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("Amount", out _));
        Assert.Equal(before, await CountAsync(planner));
    }

    [Fact]
    public async Task Create_WithMalformedJson_IsAProblem_AndChangesNothing()
    {
        var planner = await SignedInClient.CreateAsync(factory, "planner");
        var before = await CountAsync(planner);
        var response = await planner.PostAsync("/api/v1/budgets", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync(planner));
    }

    [Fact]
    public async Task Approve_InTheWrongState_IsAConflict_AndChangesNothing()
    {
        var planner = await SignedInClient.CreateAsync(factory, "planner");
        var created = await (await planner.PostAsJsonAsync("/api/v1/budgets", NewBudget(10m))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var response = await planner.PostAsJsonAsync($"/api/v1/budgets/{id}/approve", new { comment = "too early" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Draft", await response.Content.ReadAsStringAsync());
        var stored = await planner.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{id}");
        Assert.Equal(nameof(BudgetState.Draft), stored.GetProperty("state").GetString());
    }

    [Fact]
    public async Task UnknownBudget_IsNotFound()
    {
        var viewer = await SignedInClient.CreateAsync(factory, "viewer");
        var response = await viewer.GetAsync($"/api/v1/budgets/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/budgets")).GetArrayLength();
}

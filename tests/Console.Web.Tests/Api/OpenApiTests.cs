using System.Net;
using System.Text.Json;

namespace CapacityConsole.Web.Tests.Api;

public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Document_DescribesEveryResource_WithItsErrorAnswers()
    {
        using var doc = JsonDocument.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/zones", "/api/v1/offerings", "/api/v1/services", "/api/v1/services/{id}", "/api/v1/budgets", "/api/v1/budgets/{id}",
            "/api/v1/requests", "/api/v1/requests/{id}", "/api/v1/requests/{id}/submit", "/api/v1/requests/{id}/cancel",
            "/api/v1/approvals", "/api/v1/approvals/{id}/approve", "/api/v1/approvals/{id}/reject", "/api/v1/plans/preview",
            "/api/v1/requests/{id}/plan", "/api/v1/requests/{id}/order", "/api/v1/requests/{id}/resources", "/api/v1/audit",
            "/api/v1/api-keys", "/api/v1/api-keys/{id}", "/api/v1/users", "/api/v1/users/{userName}/roles",
            "/api/v1/users/{userName}/disable", "/api/v1/users/{userName}/enable", "/api/v1/users/{userName}/password", "/api/v1/emergency-bursts",
        ];
        foreach (var path in expected) Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the document");

        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        foreach (var operation in path.Value.EnumerateObject())
        {
            var responses = operation.Value.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{operation.Name} {path.Name} does not declare 401");
            Assert.True(responses.TryGetProperty("403", out _), $"{operation.Name} {path.Name} does not declare 403");
        }
        Assert.True(paths.GetProperty("/api/v1/requests/{id}/order").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task EveryOperation_StatesItsRequiredRoles_FromTheEndpointsPolicy()
    {
        using var doc = JsonDocument.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        foreach (var operation in path.Value.EnumerateObject())
        {
            Assert.True(operation.Value.TryGetProperty("x-required-roles", out var roles), $"{operation.Name} {path.Name} states no roles");
            Assert.NotEmpty(roles.EnumerateArray());
            Assert.Contains("Requires the", operation.Value.GetProperty("description").GetString());
        }
        string Roles(string path, string method) => string.Join(",",
            paths.GetProperty(path).GetProperty(method).GetProperty("x-required-roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Planner", Roles("/api/v1/approvals/{id}/approve", "post"));
        Assert.Equal("Admin", Roles("/api/v1/api-keys", "post"));
        Assert.Equal("OnCall", Roles("/api/v1/emergency-bursts", "post"));
        Assert.Equal("Viewer", Roles("/api/v1/zones", "get"));
    }

    [Fact]
    public async Task BrowsablePage_ServesScalar_OverTheDocument()
    {
        var client = factory.Anonymous();
        var redirect = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/scalar/v1", redirect.Headers.Location?.ToString());

        var page = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>CapacityConsole API</title>", html);
        Assert.Contains("openapi/v1.json", html);

        var script = await client.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}

using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Api;

public sealed class EndpointPolicyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] RolePolicies = [Policies.Viewer, Policies.ServiceOwner, Policies.Planner, Policies.OnCall, Policies.Admin];

    [Fact]
    public void EveryApiEndpoint_StatesExactlyOneRolePolicy_AndNoneAllowsAnonymous()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(endpoints.Count >= 24, $"only {endpoints.Count} API endpoints found");

        foreach (var endpoint in endpoints)
        {
            var name = endpoint.DisplayName;
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(policies.Count == 1 && RolePolicies.Contains(policies[0]), $"{name} states the policies [{string.Join(", ", policies)}]");
        }
    }
}

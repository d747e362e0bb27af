using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CapacityConsole.Web.Api;

/// <summary>
/// States in the OpenAPI document which roles each operation needs (issue 10), as an
/// <c>x-required-roles</c> extension and a sentence in the description. The roles are read from
/// the very policy the endpoint is authorized with, so the document cannot drift from the rule.
/// </summary>
internal static class RequiredRoles
{
    public const string Extension = "x-required-roles";

    public static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var provider = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
        if (policy is null) return;
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        if (roles.Count == 0) return;

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()));
        var sentence = $"Requires the {string.Join(" or ", roles)} role.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? sentence : $"{operation.Description} {sentence}";
    }
}

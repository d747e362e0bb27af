using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Declares in the OpenAPI document the ProblemDetails answers an endpoint can give besides its
/// result: 401 and 403 from its policy, and the statuses the domain's exceptions map to in
/// <see cref="DomainExceptionHandler"/>. The endpoints stay free of try/catch; the document stays exact.
/// </summary>
internal static class ApiErrors
{
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return builder;
    }

    /// <summary>A 400 with field-level errors, for input checks the endpoint itself makes (query filters).</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "The request is not valid.", detail: message);
}

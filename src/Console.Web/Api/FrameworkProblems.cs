namespace CapacityConsole.Web.Api;

/// <summary>
/// Some refusals come from routing and the framework with a status and no words (no such route,
/// wrong method, wrong media type). Status-code pages turn them into ProblemDetails; this adds the
/// sentence that says what was wrong.
/// </summary>
internal static class FrameworkProblems
{
    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null) return;
        var request = context.HttpContext.Request;
        var path = request.Path.Value;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound when request.Path.StartsWithSegments("/api") =>
                $"There is no endpoint at {path}. The API's endpoints are listed at /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {path}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with 'Content-Type: application/json'.",
            _ => null,
        };
    }
}

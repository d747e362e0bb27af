using CapacityConsole.Scheduler;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Maps the domain's closed set of failures to RFC 7807 responses. Anything else is a bug: it is
/// not handled here, so it is logged and answered 500.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails? problem = exception switch
        {
            DomainValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest, Title = "The request is not valid.", Detail = v.Message,
            },
            NotFoundException n => Problem(StatusCodes.Status404NotFound, "Not found.", n.Message),
            IllegalTransitionException t => Problem(StatusCodes.Status409Conflict, "Not allowed in this state.", t.Message),
            ConflictException c => Problem(StatusCodes.Status409Conflict, "Conflict.", c.Message),
            ForbiddenException f => Problem(StatusCodes.Status403Forbidden, "Forbidden.", f.Message),
            ProviderUnavailableException p => Problem(StatusCodes.Status503ServiceUnavailable, "Provider unavailable.", p.Message),
            BadHttpRequestException b => BadRequestProblem.From(b),
            _ => null,
        };
        if (problem is null) return false;

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}

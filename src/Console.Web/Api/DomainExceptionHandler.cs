using CapacityConsole.Scheduler;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Maps the domain's closed set of failures to RFC 7807 responses. Anything else is a bug: it is
/// not handled here, so it is logged and answered 500.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems, Scheduler.Storage.Database database) : IExceptionHandler
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
            _ when database.Dialect.LostConnection(exception) => LostDatabase(http),
            _ => null,
        };
        if (problem is null) return false;

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    // A database restart or failover cuts the pooled connections (ours and Hangfire's): the call that
    // meets one is answered 503 with a retry hint rather than 500; the retry gets a fresh connection.
    private static ProblemDetails LostDatabase(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable.",
            "The connection to the database was lost (a restart or failover); retry the call in a moment.");
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}

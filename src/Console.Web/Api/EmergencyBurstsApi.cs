using System.Security.Claims;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class EmergencyBurstsApi
{
    public static IEndpointRouteBuilder MapEmergencyBurstsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/emergency-bursts").WithTags("Emergency bursts");

        group.MapPost("/", async Task<Created<CoreQuotaRequest>> (EmergencyBurstInput input, EmergencyBurst bursts, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var request = await bursts.StartAsync(input, user.ToActor(), ct);
                return TypedResults.Created($"/api/v1/requests/{request.Id}", request);
            })
            .WithSummary("On-call starts an emergency burst: a request filed and approved at once (window from now, pre-warm now); "
                + "a plan that falls short of the cores or the budget is refused with its shortfall (409) and nothing is stored.")
            .RequireAuthorization(Policies.OnCall).ProducesErrors(400, 409);
        return app;
    }
}

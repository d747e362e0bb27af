using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class ProvisioningApi
{
    public sealed record TimelineEntry(DateTimeOffset At, string Message);

    /// <summary>Units asked and delivered so far; open batches are those not yet answered by their provider (Pending or Sent).</summary>
    public sealed record OrderProgress(int Units, int FulfilledUnits, int Batches, int OpenBatches);

    /// <summary>A provisioning order with its batches (each with its idempotency key) and its timeline.</summary>
    public sealed record OrderView(
        ProvisioningOrder Order, OrderProgress Progress, IReadOnlyList<ProvisioningBatch> Batches, IReadOnlyList<TimelineEntry> Timeline);

    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/requests/{id}/order", async Task<Results<Ok<OrderView>, ProblemHttpResult>> (
                Guid id, RequestRepository requests, ProvisioningRepository provisioning, CancellationToken ct) =>
            {
                var request = await requests.GetAsync(id, ct);
                if (await provisioning.GetOrderAsync(id, ct) is not { } order)
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No provisioning order.",
                        detail: $"Core-quota request '{id}' is {request.State}; it has no provisioning order yet.");
                var batches = await provisioning.ListBatchesAsync(order.Id, ct);
                var timeline = (await provisioning.ListEventsAsync(order.Id, ct)).Select(e => new TimelineEntry(e.At, e.Message)).ToList();
                var progress = new OrderProgress(batches.Sum(b => b.Units), batches.Sum(b => b.FulfilledUnits), batches.Count,
                    batches.Count(b => b.IsOpen));
                return TypedResults.Ok(new OrderView(order, progress, batches, timeline));
            })
            .WithTags("Provisioning")
            .WithSummary("The request's latest provisioning order: progress, batches and timeline.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }
}

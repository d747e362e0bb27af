using CapacityConsole.Scheduler.Provisioning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CapacityConsole.Web.Api;

public static class ProvisioningApi
{
    public sealed record TimelineEntry(DateTimeOffset At, string Message);

    /// <summary>
    /// A provisioning order, its progress over all batches, its first batches (each with its idempotency
    /// key; all of them a page at a time from /batches) and the newest entries of its timeline with how
    /// many there are: a run of 100,000 cores has thousands of both.
    /// </summary>
    public sealed record OrderView(
        ProvisioningOrder Order, OrderProgressTotals Progress, IReadOnlyList<ProvisioningBatch> Batches, IReadOnlyList<TimelineEntry> Timeline, long TimelineTotal);

    /// <summary>How many batches and timeline entries the order view carries; the rest are paged (batches) or the older entries.</summary>
    public const int OrderViewRows = PageRequest.DefaultSize;

    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/requests/{id}/order", async Task<Results<Ok<OrderView>, ProblemHttpResult>> (
                Guid id, RequestRepository requests, ProvisioningRepository provisioning, CancellationToken ct) =>
            {
                var request = await requests.GetAsync(id, ct);
                if (await provisioning.GetOrderAsync(id, ct) is not { } order)
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No provisioning order.",
                        detail: $"Core-quota request '{id}' is {request.State}; it has no provisioning order yet.");
                var batches = await provisioning.PageBatchesAsync(order.Id, PageRequest.First(OrderViewRows), ct: ct);
                var (events, total) = await provisioning.ListRecentEventsAsync(order.Id, OrderViewRows, ct);
                // Open batches are those not yet answered by their provider (Pending or Sent).
                var progress = await provisioning.ProgressAsync(order.Id, ct);
                return TypedResults.Ok(new OrderView(order, progress,
                    batches.Items, [.. events.Select(e => new TimelineEntry(e.At, e.Message))], total));
            })
            .WithTags("Provisioning")
            .WithSummary($"The request's latest provisioning order: progress over all its batches, its first {OrderViewRows} batches " +
                $"(all of them from /api/v1/requests/{{id}}/batches, paged) and the newest {OrderViewRows} timeline entries with their total.")
            .RequireAuthorization(Policies.Viewer).ProducesErrors(400, 404);
        return app;
    }
}

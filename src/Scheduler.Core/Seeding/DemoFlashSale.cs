using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Scheduler.Seeding;

/// <summary>
/// The demo's flash sale (brief §8): a newcomer watches one request's whole life — pre-warm a few
/// minutes after start, run, release. Filed by the demo owner and approved by a demo planner through
/// the ordinary services, so it goes through the same rules, budget and jobs as any request. At most
/// one is open at a time: a restart while one is under way files nothing.
/// </summary>
public sealed class DemoFlashSale(
    RequestService requests, RequestRepository repository, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoFlashSale> logger)
{
    public const string Justification = "Demo flash sale: the console's own walk-through of pre-warm, run and release.";

    private static readonly RequestState[] Open =
    [
        RequestState.Draft, RequestState.Submitted, RequestState.Approved, RequestState.Scheduled,
        RequestState.Provisioning, RequestState.Active, RequestState.Releasing,
    ];

    private static readonly Actor Owner = new("owner", "trade", Role.ServiceOwner);
    private static readonly Actor Approver = new("planner2", null, Role.Planner);

    /// <summary>Files and approves the demo flash sale unless one is open; returns its id, or null when none was started.</summary>
    public async Task<Guid?> EnsureAsync(CancellationToken ct = default)
    {
        if (options.Value is not { Enabled: true, FlashSale: true }) return null;
        if ((await repository.ListInStatesAsync(Open, ct)).Any(r => r.Justification == Justification)) return null;

        var now = clock.GetUtcNow();
        var input = new NewCoreQuotaRequest("order-submit", 3_200, "cn-beijing", [], now.AddMinutes(8), now.AddMinutes(38),
            TimeSpan.FromMinutes(5), DemoBudgets.FlashSaleId, Justification);
        try
        {
            var filed = await requests.FileAsync(input, Owner, submit: true, ct);
            var approved = await requests.ApproveAsync(filed.Id, Approver, "Demo: approved automatically.", ct);
            logger.LogInformation("Demo flash sale {Request}: {Cores} cores, pre-warm at {Prewarm:u}, window {Start:u} to {End:u}.",
                approved.Id, approved.Cores, approved.PrewarmAt, approved.WindowStart, approved.WindowEnd);
            return approved.Id;
        }
        catch (DomainException e)
        {
            // The demo must never stop the console: a budget used up by earlier demos or no stock just means no demo run now.
            logger.LogWarning("The demo flash sale was not started: {Reason}", e.Message);
            return null;
        }
    }
}

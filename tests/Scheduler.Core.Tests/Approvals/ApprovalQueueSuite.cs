using CapacityConsole.Scheduler.Approvals;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Failover;
using CapacityConsole.Scheduler.Tests.Failover;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Approvals;

/// <summary>
/// The approval queue renders from stored previews; the refresher re-plans a waiting request only
/// when an input of its preview changed, and a row says when its preview is stale and why.
/// </summary>
public abstract class ApprovalQueueSuite(StorageProvider storage)
{
    private static async Task<CoreQuotaRequest> FileAsync(CoreHost core, int cores)
    {
        var now = core.Clock.GetUtcNow();
        return await core.Get<RequestService>().FileAsync(
            new NewCoreQuotaRequest("product-detail-cache", cores, "cn-beijing", [], now.AddHours(2), now.AddHours(6), TimeSpan.FromMinutes(30),
                CoreHost.FlashSaleBudget, "Double 12 peak"), CoreHost.Owner, submit: true);
    }

    private static Task<CoreHost> StartAsync(StorageProvider storage) =>
        CoreHost.StartAsync(storage, new() { ["Approvals:RefreshInBackground"] = "false" });

    [Fact]
    public async Task Refresh_ReplansOnlyWhenAnInputChanged_AndRowsSayWhenTheyAreStale()
    {
        await using var core = await StartAsync(storage);
        var filed = new[] { await FileAsync(core, 320), await FileAsync(core, 640), await FileAsync(core, 960) };
        var refresher = core.Get<ApprovalPreviewRefresher>();
        var queue = core.Get<ApprovalQueue>();

        var before = await queue.PageAsync(PageRequest.First(10));
        Assert.All(before.Items, r => Assert.True(r.IsStale && r.Preview is null));

        var first = await refresher.RefreshAsync();
        Assert.Equal((3, 3), (first.Waiting, first.Replanned));
        var current = await queue.PageAsync(PageRequest.First(10));
        Assert.Equal(filed.Select(r => r.Id).Order(), current.Items.Select(r => r.Request.Id).Order());
        foreach (var r in current.Items)
        {
            // The stored preview is the plan a preview now makes (nothing changed in between).
            var fresh = await core.Get<RequestService>().PreviewAsync(r.Request.Id);
            Assert.False(r.IsStale);
            Assert.Equal((fresh.PlannedCores, fresh.EstimatedTotal), (r.Preview!.Plan!.PlannedCores, r.Preview.Plan.EstimatedTotal));
            Assert.True(r.Preview.LeadTime!.Batches > 0);
        }

        var again = await refresher.RefreshAsync();
        Assert.Equal((0, 3), (again.Replanned, again.Current));

        // A zone's health is an input of every plan: every row turns stale, and one pass re-plans them all.
        await core.Get<FailoverService>().SetHealthAsync("bj-1", null, ZoneHealth.Degraded, "Packet loss on the uplinks", CoreHost.OnCall);
        var stale = await queue.PageAsync(PageRequest.First(10));
        Assert.All(stale.Items, r => Assert.Contains("stock, prices or zone health", r.ChangedSincePreview));
        Assert.Equal(3, (await refresher.RefreshAsync()).Replanned);
        Assert.All((await queue.PageAsync(PageRequest.First(10))).Items, r => Assert.False(r.IsStale));

        // Approving one commits money from the shared budget: the others' previews are stale for that reason,
        // and the approved request's preview is forgotten.
        await core.Get<RequestService>().ApproveAsync(filed[0].Id, CoreHost.PlannerActor, null);
        var afterApproval = await queue.PageAsync(PageRequest.First(10));
        Assert.Equal(2, afterApproval.Total);
        Assert.All(afterApproval.Items, r => Assert.Equal(["the budget"], r.ChangedSincePreview));
        var report = await refresher.RefreshAsync();
        Assert.Equal((1, 2, 2), (report.Pruned, report.Waiting, report.Replanned));
    }

    [Fact]
    public async Task Page_AskedForMoreThanTheMaximum_GetsTheMaximumAndSaysSo()
    {
        await using var core = await StartAsync(storage);
        await FileAsync(core, 320);

        var page = await core.Get<ApprovalQueue>().PageAsync(new PageRequest(1, 100_000));

        Assert.True(page.SizeLimited);
        Assert.Equal(PageRequest.MaxSize, page.Size);
        Assert.Contains("100,000 rows were asked for", page.Notice);
        Assert.Single(page.Items);
        var bad = await Assert.ThrowsAsync<DomainValidationException>(() => core.Get<ApprovalQueue>().PageAsync(new PageRequest(0, 10)));
        Assert.Contains("page", bad.Errors.Keys);
    }

    [Fact]
    public async Task RefreshRequests_PlansOnlyTheGivenRequests()
    {
        await using var core = await StartAsync(storage);
        var one = await FileAsync(core, 320);
        var other = await FileAsync(core, 640);

        var report = await core.Get<ApprovalPreviewRefresher>().RefreshRequestsAsync([one.Id]);

        Assert.Equal(1, report.Replanned);
        var rows = (await core.Get<ApprovalQueue>().PageAsync(PageRequest.First(10))).Items.ToDictionary(r => r.Request.Id);
        Assert.False(rows[one.Id].IsStale);
        Assert.Null(rows[other.Id].Preview);
    }
}

public sealed class SqliteApprovalQueueTests() : ApprovalQueueSuite(StorageProvider.Sqlite);

public sealed class PostgresApprovalQueueTests() : ApprovalQueueSuite(StorageProvider.Postgres);

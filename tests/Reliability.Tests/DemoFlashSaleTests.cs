using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Seeding;
using CapacityConsole.Scheduler.Storage;

namespace CapacityConsole.Reliability.Tests;

/// <summary>The demo's flash sale goes through the ordinary filing and approval, once per open run.</summary>
public sealed class DemoFlashSaleTests
{
    [Fact]
    public async Task Ensure_FilesAndApprovesOne_ThenNothingWhileItIsOpen()
    {
        await using var core = await ConsoleCore.StartAsync(StorageProvider.Sqlite);
        var demo = core.Get<DemoFlashSale>();

        var id = await demo.EnsureAsync();
        var again = await demo.EnsureAsync();

        Assert.NotNull(id);
        Assert.Null(again);
        var request = await core.Get<RequestRepository>().GetAsync(id.Value);
        Assert.Equal(RequestState.Scheduled, request.State);
        Assert.Equal("owner", request.RequestedBy);
        Assert.Equal("planner2", request.DecidedBy);
        var now = core.Clock.GetUtcNow();
        Assert.InRange(request.PrewarmAt, now, now.AddMinutes(10)); // the newcomer sees the pre-warm within minutes
        Assert.Contains(("prewarm", request.Id, request.PrewarmAt), core.Jobs.Scheduled);
        Assert.Single(await core.Get<RequestRepository>().ListAsync());
        var trail = (await core.Get<AuditLog>().ListAsync("CoreQuotaRequest", id.Value.ToString())).Select(e => e.Action);
        Assert.Equal(["File and submit", "Approve"], trail);
    }

    [Fact]
    public async Task Ensure_FilesNothing_WhenTheFlashSaleIsSwitchedOff()
    {
        await using var core = await ConsoleCore.StartAsync(StorageProvider.Sqlite, settings: new() { ["Demo:FlashSale"] = "false" });

        Assert.Null(await core.Get<DemoFlashSale>().EnsureAsync());
        Assert.Empty(await core.Get<RequestRepository>().ListAsync());
    }
}

using System.Net;
using CapacityConsole.Web.EndToEnd.Infrastructure;
using CapacityConsole.Web.EndToEnd.PageObjects;
using Microsoft.Playwright;

namespace CapacityConsole.Web.EndToEnd.TwoInstances;

/// <summary>
/// Cloud instances deleted outside the console (someone in the Alibaba Cloud console) while an event
/// runs: the reconciler of either instance finds them gone and re-provisions, and the on-call page open
/// on B raises the vanished-capacity alert live, in Chromium, whichever instance found it.
/// </summary>
[Collection(TwoConsolesCollection.Name)]
public sealed class VanishedCapacityTests(TwoConsoles consoles)
{
    private const string Password = ConsoleServer.DemoPassword;
    private static readonly Guid LiveRoomBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000002"); // DemoBudgets: Approved, CC-LIVE
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task InstancesDeletedOutsideTheConsole_RaiseTheOnCallAlertOnB_AndAreReplaced()
    {
        using var oncall = new ConsoleClient();
        await oncall.SignInAsync(consoles.A.BaseUrl, "oncall", Password);
        // A stateless service goes cloud first (every unit of this burst an ECS instance), once the
        // consoles have read the cloud's stock: before that a plan is IDC only.
        var deadline = DateTime.UtcNow + Patience;
        while ((await oncall.GetJsonAsync(consoles.A.BaseUrl, "/api/v1/offerings?provider=AlibabaCloud&usable=true&pageSize=1")).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The cloud's stock was not read within two minutes.");
            await Task.Delay(500);
        }
        var burst = await oncall.PostJsonAsync(consoles.A.BaseUrl, "/api/v1/emergency-bursts", new
        {
            serviceId = "live-room-gateway", cores = 128, regionId = "cn-shanghai", duration = "00:30:00", budgetId = LiveRoomBudget,
            reason = "E2E: instances deleted outside the console",
        }, HttpStatusCode.Created);
        var id = burst.GetProperty("id").GetGuid();
        await consoles.WaitForStateAsync(id, "Active");
        var tag = id.ToString("D");
        var held = consoles.Ecs.Instances.Where(i => i.Tags.Any(t => t.Key == "capacity-console:request" && t.Value == tag)).ToList();
        Assert.NotEmpty(held);

        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(consoles.B.BaseUrl);
        await new SignInPage(page).SignInAsync("oncall", Password);
        await page.GotoAsync("/oncall");
        await Assertions.Expect(page.GetByTestId("burst-card")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("vanished-alert")).ToHaveCountAsync(0);

        var gone = held.Take(2).ToList();
        consoles.Ecs.DeleteOutOfBand([.. gone.Select(i => i.InstanceId)]);
        await consoles.AdvanceClocksAsync(1); // each instance's reconciler runs once

        var alert = page.GetByTestId("vanished-alert");
        await Assertions.Expect(alert).ToHaveCountAsync(1, new() { Timeout = (float)Patience.TotalMilliseconds });
        // Cores as the console counts them (an instance's vCPUs less what the node keeps for itself).
        await Assertions.Expect(alert).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"Live-room gateway: \d+ cores \({gone.Count} units\) vanished in"));
        foreach (var zone in gone.Select(i => i.ZoneId).Distinct()) await Assertions.Expect(alert).ToContainTextAsync(zone); // one zone or two
        await new Screenshots().TakeAsync(page, "oncall-vanished-alert-on-b");

        // Replaced through a re-plan (its mix of instance types may differ): new instances of the burst, the deleted ones not back.
        deadline = DateTime.UtcNow + Patience;
        bool Replaced() => Live(tag).Any(i => held.All(h => h.InstanceId != i.InstanceId));
        while (!Replaced() && DateTime.UtcNow < deadline) await Task.Delay(500);
        Assert.True(Replaced(), "No replacement instance was provisioned for the vanished ones.");
        Assert.DoesNotContain(Live(tag), i => gone.Any(g => g.InstanceId == i.InstanceId));
        await consoles.WaitForStateAsync(id, "Active");

        // Past the burst's window and release grace: nothing of it is left for the other tests of the pair.
        await consoles.AdvanceClocksAsync(50);
        await consoles.WaitForStateAsync(id, "Released");
        Assert.Empty(Live(tag));
    }

    private List<EcsEmulator.State.EmulatorInstance> Live(string requestTag) =>
        consoles.Ecs.Instances.Where(i => i.Tags.Any(t => t.Key == "capacity-console:request" && t.Value == requestTag)).ToList();
}

using CapacityConsole.Scale;
using CapacityConsole.Scheduler.Approvals;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Scale;

/// <summary>
/// The quiet console of <see cref="ApiFactory"/> with ten times the tables issue 16 measured on a
/// busy week (9,110 requests, 5,890 waiting, 63,780 resources, 31,810 audit events), filled once per
/// test class. The first page of the approval queue has its previews, as the background refresher
/// would have made them.
/// </summary>
public sealed class PlatformSizeFixture : IAsyncLifetime
{
    public static readonly ScaleShape Shape = ScaleShape.Measured.Times(10);

    public ApiFactory Factory { get; } = new();
    public ScaleFilled Filled { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _ = Factory.Server; // starts the host: migrations and the demo seed
        var services = Factory.Services;
        Filled = await ScaleFill.FillAsync(services.GetRequiredService<Database>(), Shape, services.GetRequiredService<TimeProvider>().GetUtcNow());
        var firstPage = await services.GetRequiredService<RequestRepository>().PageInStatesAsync([RequestState.Submitted], PageRequest.First(25));
        await services.GetRequiredService<ApprovalPreviewRefresher>().RefreshRequestsAsync(firstPage.Items.Select(r => r.Id).ToList());
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

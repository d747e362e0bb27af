using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class ReleaseOrderTests
{
    private static Allocation A(string offering, ProviderKind provider, int cores, decimal costPerHour) =>
        new("a", "a-m", provider, offering, offering, 1, cores, costPerHour);

    [Fact]
    public void ReleaseOrder_ReturnsCloudBeforeIdc_MostExpensivePerCoreFirst()
    {
        var allocations = new[]
        {
            A("idc-cheap", ProviderKind.Idc, 96, 20m),
            A("cloud-cheap", ProviderKind.AlibabaCloud, 32, 8m),
            A("idc-dear", ProviderKind.Idc, 96, 60m),
            A("cloud-dear", ProviderKind.AlibabaCloud, 32, 32m),
            A("cloud-dear-per-core", ProviderKind.AlibabaCloud, 4, 8m),
        };

        var order = ReleaseOrder.Of(allocations).Select(a => a.OfferingId);

        Assert.Equal(["cloud-dear-per-core", "cloud-dear", "cloud-cheap", "idc-dear", "idc-cheap"], order);
    }

    [Fact]
    public void OrderForRelease_ReturnsAPlansCloudCapacityBeforeItsIdcHosts()
    {
        var scenario = new Scenario().Zone("a").Zone("b")
            .Idc("a", "a-h32", 32, 4m, 1).Cloud("a", "a-c32", 32, 16m, 10)
            .Idc("b", "b-h32", 32, 4m, 1).Cloud("b", "b-c32", 32, 16m, 10);
        var plan = new Planner().Plan(scenario.Input(64, CapacityConsole.Scheduler.Services.ServiceTier.HotCache));

        var order = new Planner().OrderForRelease(plan).Select(a => a.Provider).ToArray();

        Assert.Contains(ProviderKind.Idc, order);
        Assert.Contains(ProviderKind.AlibabaCloud, order);
        Assert.Equal(order.OrderBy(p => p == ProviderKind.Idc ? 1 : 0), order);
    }
}

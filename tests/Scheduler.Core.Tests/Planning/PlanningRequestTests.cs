using CapacityConsole.Scheduler.Planning;
using CapacityConsole.Scheduler.Requests;
using CapacityConsole.Scheduler.Services;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class PlanningRequestTests
{
    private static CoreQuotaRequest Filed(params string[] zones) => CoreQuotaRequest.Create(
        new NewCoreQuotaRequest("svc", 100, "cn-beijing", zones, Scenario.Start, Scenario.Start.AddHours(6),
            TimeSpan.FromMinutes(30), Guid.NewGuid(), "flash sale", 0.5m),
        "owner", Scenario.Start.AddDays(-1));

    private static Service Svc(ServiceTier tier, params string[] zones) =>
        new("svc", "Cart", "team", "cc-1", tier, CloudAllowed: false, zones);

    [Fact]
    public void From_NarrowsTheRequestedZonesToThoseTheServiceAllows()
    {
        var request = PlanningRequest.From(Filed("a", "b", "c"), Svc(ServiceTier.HotCache, "b", "c", "d"));

        Assert.Equal(["b", "c"], request.AllowedInternalZoneIds);
        Assert.Equal(ServiceTier.HotCache, request.Tier);
        Assert.False(request.CloudAllowed);
        Assert.Equal(0.5m, request.SurvivableShare);
        Assert.Equal(6.5m, request.WindowHours); // 6 h window + 30 min pre-warm lead, no grace
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(8, 0, 8)]
    [InlineData(0, 16, 16)]
    [InlineData(32, 16, 32)]
    [InlineData(8, 16, 16)]
    public void From_TakesTheStricterMinimumUnitOfTheRequestAndItsService(int requested, int service, int expected)
    {
        var filed = CoreQuotaRequest.Create(
            new NewCoreQuotaRequest("svc", 100, "cn-beijing", [], Scenario.Start, Scenario.Start.AddHours(6),
                TimeSpan.FromMinutes(30), Guid.NewGuid(), "flash sale", 0.5m, MinCoresPerUnit: requested),
            "owner", Scenario.Start.AddDays(-1));

        var request = PlanningRequest.From(filed, Svc(ServiceTier.Stateless) with { MinCoresPerUnit = service });

        Assert.Equal(expected, request.MinCoresPerUnit);
    }

    [Fact]
    public void From_BillsFromThePrewarmToTheReleaseAfterGrace()
    {
        var filed = Filed();

        var request = PlanningRequest.From(filed, Svc(ServiceTier.Stateless), TimeSpan.FromMinutes(15));

        Assert.Equal(filed.PrewarmAt, request.WindowStart);
        Assert.Equal(filed.WindowEnd.AddMinutes(15), request.WindowEnd);
        Assert.Equal(6.75m, request.WindowHours);
    }

    [Fact]
    public void From_UsesTheServiceZones_WhenTheRequestNamesNone()
    {
        var request = PlanningRequest.From(Filed(), Svc(ServiceTier.Stateless, "d"));

        Assert.Equal(["d"], request.AllowedInternalZoneIds);
    }

    [Fact]
    public void From_Rejects_WhenNoRequestedZoneIsAllowedForTheService()
    {
        var ex = Assert.Throws<DomainValidationException>(() => PlanningRequest.From(Filed("a"), Svc(ServiceTier.Stateless, "d")));

        Assert.Contains("InternalZoneIds", ex.Errors.Keys);
    }
}

using CapacityConsole.Scheduler.Planning;

namespace CapacityConsole.Scheduler.Tests.Planning;

public class PlannerValidationTests
{
    private static readonly Scenario Zones = new Scenario().Zone("a").Zone("b")
        .Cloud("a", "a-c4", 4, 4m, 1000).Cloud("b", "b-c4", 4, 4m, 1000);

    public static TheoryData<string, Func<PlanningInput, PlanningInput>> BadInputs => new()
    {
        { "Cores", i => i with { Request = i.Request with { Cores = 0 } } },
        { "Cores", i => i with { Request = i.Request with { Cores = -8 } } },
        { "SurvivableShare", i => i with { Request = i.Request with { SurvivableShare = 0m } } },
        { "SurvivableShare", i => i with { Request = i.Request with { SurvivableShare = 1.01m } } },
        { "SurvivableShare", i => i with { Request = i.Request with { SurvivableShare = -0.5m } } },
        { "WindowEnd", i => i with { Request = i.Request with { WindowEnd = i.Request.WindowStart.AddMinutes(-1) } } },
        { "WindowEnd", i => i with { Request = i.Request with { WindowEnd = i.Request.WindowStart } } },
        { "AllowedInternalZoneIds", i => i with { Request = i.Request with { AllowedInternalZoneIds = ["a", "nowhere"] } } },
        { "RegionId", i => i with { Request = i.Request with { RegionId = "mars-1" } } },
        { "BudgetLeft", i => i with { BudgetLeft = -1m } },
        { "IdcHeadroomForHotCache", i => i with { Options = new PlannerOptions { IdcHeadroomForHotCache = 1.5m } } },
        { "MaxInstanceTypesPerMemberZone", i => i with { Options = new PlannerOptions { MaxInstanceTypesPerMemberZone = 0 } } },
        { "CloudNodeOverheadCores", i => i with { Options = new PlannerOptions { CloudNodeOverheadCores = -0.5m } } },
        { "MinCoresPerUnit", i => i with { Options = new PlannerOptions { MinCoresPerUnit = -1 } } },
        { "AcceptedGap", i => i with { Options = new PlannerOptions { AcceptedGap = -0.001m } } },
        { "MinCoresPerUnit", i => i with { Request = i.Request with { MinCoresPerUnit = -4 } } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Plan_RejectsBadInput_NamingTheField(string field, Func<PlanningInput, PlanningInput> spoil)
    {
        var ex = Assert.Throws<DomainValidationException>(() => new Planner().Plan(spoil(Zones.Input(100))));

        Assert.Contains(field, ex.Errors.Keys);
    }

    [Fact]
    public void Replan_RejectsAChangeNamingAnUnknownZone()
    {
        var input = Zones.Input(100);
        var plan = new Planner().Plan(input);

        var ex = Assert.Throws<DomainValidationException>(() =>
            new Planner().Replan(new ReplanInput(input, plan, [], new InternalZoneWentDown("nowhere"))));

        Assert.Contains("InternalZoneId", ex.Errors.Keys);
    }
}

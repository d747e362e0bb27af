using CapacityConsole.Scheduler.Audit;

namespace CapacityConsole.Scheduler.Tests.Audit;

public sealed class AuditChangesTests
{
    private static AuditEvent Event(string? before, string? after) =>
        new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "planner", "CoreQuotaRequest", Guid.NewGuid().ToString(), "Approve", before, after);

    [Fact]
    public void OnlyTheFieldsThatChanged_AreListed_WithBeforeAndAfter()
    {
        var changes = AuditChanges.Of(Event(
            """{"State":"Submitted","Cores":960,"CommittedAmount":0,"ActualSpend":0}""",
            """{"State":"Scheduled","Cores":960,"CommittedAmount":1234.5,"ActualSpend":0}"""));

        Assert.Equal([new AuditChange("State", "Submitted", "Scheduled"), new AuditChange("CommittedAmount", "0", "1234.5")], changes);
    }

    [Fact]
    public void ACreation_ListsEveryField_WithNothingBefore()
    {
        var changes = AuditChanges.Of(Event(null, """{"State":"Draft","Zones":["bj-1","bj-2"],"Cloud":true,"Note":null}"""));

        Assert.Equal([new AuditChange("State", null, "Draft"), new AuditChange("Zones", null, "bj-1, bj-2"), new AuditChange("Cloud", null, "yes")], changes);
    }

    [Fact]
    public void TextThatIsNotJson_IsShownAsItIs()
    {
        Assert.Equal([new AuditChange("Value", null, "legacy note")], AuditChanges.Of(Event(null, "legacy note")));
    }
}

using CapacityConsole.Scheduler.Services;
using CapacityConsole.Web.Components.Administration;

namespace CapacityConsole.Web.ComponentTests.Administration;

/// <summary>The services tab edits a service through its form: fields the page does not show must survive an edit.</summary>
public class ServiceFormTests
{
    [Fact]
    public void AnEdit_KeepsTheServicesMinimumUnitSize()
    {
        var service = new Service("search-cache", "Search cache", "search", "CC-SEARCH", ServiceTier.HotCache, false, ["bj-1"]) { MinCoresPerUnit = 16 };

        var form = ServiceForm.For(service);
        form.Name = "Search cache (renamed)";

        Assert.Equal(16, form.ToInput().MinCoresPerUnit);
        Assert.Equal("Search cache (renamed)", form.ToInput().Name);
    }
}

using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Web.Components.Administration;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Administration;

public sealed class ApiKeysTabTests : AdminTestContext
{
    private IRenderedComponent<PageHost> RenderTab() => Render<PageHost>(p => p.AddChildContent<ApiKeysTab>());

    [Fact]
    public async Task Create_ShowsTheKeyOnceInADialog_WithCopy_AndStoresOnlyItsHash()
    {
        var page = RenderTab();
        page.Find("[data-testid=new-key]").Click();
        page.Find("[data-testid=key-name]").Input("deploy-bot");
        page.Find("[data-testid=key-user]").Input("planner");
        Tick(page, "role-Planner");

        page.Find("[data-testid=key-form]").Submit();

        var secret = page.WaitForElement("[data-testid=key-secret]").GetAttribute("value")!;
        Assert.StartsWith(ApiKeySecret.Marker, secret);
        Assert.Contains("you will not see it again", page.Markup);
        var stored = Assert.Single((await Get<ApiKeyService>().PageAsync(new ApiKeyFilter(), PageRequest.First())).Items);
        Assert.Equal(("deploy-bot", "planner", Role.Planner | Role.Viewer, ApiKeySecret.Hash(secret)), (stored.Name, stored.UserName, stored.Roles, stored.KeyHash));
        Assert.Equal("planner", (await Get<ApiKeyService>().AuthenticateAsync(secret)).Holder?.Holder.UserName);

        page.Find("[data-testid=key-copy]").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && Equals(i.Arguments[0], secret));

        page.Find("[data-testid=key-done]").Click();
        page.WaitForAssertion(() => Assert.DoesNotContain(secret, page.Markup));
        Assert.Empty(page.FindAll("[data-testid=key-secret]"));
        Assert.Contains("deploy-bot", page.Find("[data-testid=api-keys-table]").TextContent);
    }

    [Fact]
    public async Task Create_ShowsFieldMessages_AndCreatesNothing_WhenNameRolesOrHolderAreWrong()
    {
        var page = RenderTab();
        page.Find("[data-testid=new-key]").Click();
        page.Find("[data-testid=key-name]").Input("has space");

        page.Find("[data-testid=key-form]").Submit();

        page.WaitForAssertion(() =>
        {
            var errors = Errors(page);
            Assert.Contains("Name the service account with 1 to 64 letters, digits, '.', '-' or '_'.", errors);
            Assert.Contains("Give the key at least one role.", errors);
            Assert.Contains(errors, e => e.StartsWith("Name the user the key is issued to", StringComparison.Ordinal));
        });

        page.Find("[data-testid=key-name]").Input("owner-bot");
        page.Find("[data-testid=key-user]").Input("viewer");
        Tick(page, "role-ServiceOwner");
        page.Find("[data-testid=key-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("A key carries only roles its holder has; 'viewer' lacks ServiceOwner.", Errors(page)));
        Assert.Empty(page.FindAll("[data-testid=key-secret]"));
        Assert.Empty((await Get<ApiKeyService>().PageAsync(new ApiKeyFilter(), PageRequest.First())).Items);
    }
}

using Bunit;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Components.Administration;
using CapacityConsole.Web.ComponentTests.Infrastructure;

namespace CapacityConsole.Web.ComponentTests.Administration;

public sealed class UsersTabTests : AdminTestContext
{
    private IRenderedComponent<PageHost> RenderTab() => Render<PageHost>(p => p.AddChildContent<UsersTab>());

    private Task<User?> FindAsync(string userName) => Get<UserRepository>().FindAsync(userName);

    private static void FillNewUser(IRenderedComponent<PageHost> page, string password)
    {
        page.Find("[data-testid=new-user]").Click();
        page.Find("[data-testid=user-name]").Input("alice");
        page.Find("[data-testid=user-display-name]").Input("Alice Wang");
        page.Find("[data-testid=user-team]").Input("search");
        page.Find("[data-testid=user-password]").Input(password);
        Tick(page, "role-ServiceOwner");
    }

    [Fact]
    public async Task Create_RefusesAShortPassword_AtTheField_AndStoresNothing()
    {
        var page = RenderTab();
        FillNewUser(page, "short-pass");

        page.Find("[data-testid=user-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("A password has at least 12 characters.", Errors(page)));
        Assert.Null(await FindAsync("alice"));
    }

    [Fact]
    public async Task Create_StoresTheUserWithAHashedPassword_AndListsThem()
    {
        var page = RenderTab();
        FillNewUser(page, "a long enough passphrase");

        page.Find("[data-testid=user-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Alice Wang", page.Find("[data-testid=users-table]").TextContent));
        var alice = await FindAsync("alice");
        Assert.NotNull(alice);
        Assert.Equal(("search", Role.ServiceOwner | Role.Viewer), (alice.Team, alice.Roles));
        Assert.True(Get<UserPasswords>().Verify(alice, "a long enough passphrase"));
    }

    [Fact]
    public async Task RemovingOwnAdminRole_IsRefusedWithAMessage_AndTheRolesStay()
    {
        var page = RenderTab();
        page.Find("[data-testid=manage-admin]").Click();
        Tick(page, "role-Admin", on: false);

        page.Find("[data-testid=user-roles-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("You cannot remove your own Admin role; ask another admin.", Errors(page)));
        Assert.Equal(AdminRoles, (await FindAsync("admin"))!.Roles);
    }

    [Fact]
    public async Task DisablingOneself_IsRefused_ButAnotherUserIsDisabledAndEnabled()
    {
        var page = RenderTab();
        page.Find("[data-testid=manage-admin]").Click();
        page.Find("[data-testid=user-toggle-disabled]").Click();
        page.WaitForAssertion(() => Assert.Contains("You cannot disable yourself; ask another admin.", page.Markup));
        Assert.False((await FindAsync("admin"))!.Disabled);

        page.Find("[data-testid=manage-viewer]").Click();
        page.Find("[data-testid=user-toggle-disabled]").Click();
        page.WaitForAssertion(() => Assert.Equal("Enable", page.Find("[data-testid=user-toggle-disabled]").TextContent.Trim()));
        Assert.True((await FindAsync("viewer"))!.Disabled);

        page.Find("[data-testid=user-toggle-disabled]").Click();
        page.WaitForAssertion(() => Assert.Equal("Disable", page.Find("[data-testid=user-toggle-disabled]").TextContent.Trim()));
        Assert.False((await FindAsync("viewer"))!.Disabled);
    }

    [Fact]
    public async Task ResetPassword_RefusesAShortOne_ThenReplacesThePassword()
    {
        var page = RenderTab();
        page.Find("[data-testid=manage-viewer]").Click();
        page.Find("[data-testid=edit-password]").Input("too-short");
        page.Find("[data-testid=user-password-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("A password has at least 12 characters.", Errors(page)));
        Assert.True(Get<UserPasswords>().Verify((await FindAsync("viewer"))!, "component-test-password"));

        page.Find("[data-testid=edit-password]").Input("a fresh viewer passphrase");
        page.Find("[data-testid=user-password-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("Password of 'viewer' reset.", page.Markup));
        var viewer = (await FindAsync("viewer"))!;
        Assert.True(Get<UserPasswords>().Verify(viewer, "a fresh viewer passphrase"));
        Assert.False(Get<UserPasswords>().Verify(viewer, "component-test-password"));
    }
}

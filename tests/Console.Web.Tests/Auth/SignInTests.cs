using System.Net;
using CapacityConsole.Web.Tests.Infrastructure;
using CapacityConsole.Scheduler.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Auth;

public sealed class SignInTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Pages_RedirectAnonymousUsersToSignIn()
    {
        var response = await Anonymous().GetAsync("/zones");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Api_AnswersAnonymousUsersWith401()
    {
        var response = await Anonymous().GetAsync("/api/v1/budgets");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithTheWrongPassword_ShowsAnError_AndGrantsNothing()
    {
        var client = Anonymous();
        var response = await SignedInClient.PostSignInAsync(client, "planner", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is wrong.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/budgets")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAnEmptyForm_ShowsFieldMessages()
    {
        var response = await SignedInClient.PostSignInAsync(Anonymous(), "", "");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter your user name.", html);
        Assert.Contains("Enter your password.", html);
    }

    [Fact]
    public async Task SignIn_WithTheDemoPassword_OpensThePages()
    {
        var client = await SignedInClient.CreateAsync(factory, "viewer");
        var response = await client.GetAsync("/zones");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_IsForAdminsOnly()
    {
        var admin = await SignedInClient.CreateAsync(factory, "admin");
        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("CapacityConsole jobs", await dashboard.Content.ReadAsStringAsync());

        var planner = await SignedInClient.CreateAsync(factory, "planner");
        var refused = await planner.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_AsADisabledUser_IsRefusedLikeAWrongPassword_UntilEnabledAgain()
    {
        var users = factory.Services.GetRequiredService<UserAdministration>();
        var admin = new Actor("admin", null, Role.Admin | Role.Viewer);
        await users.CreateAsync(new NewUser("leaver", "Lee Leaver", null, [Role.Viewer], "leaver-password-1"), admin);
        await users.SetDisabledAsync("leaver", true, admin);

        var client = Anonymous();
        var response = await SignedInClient.PostSignInAsync(client, "leaver", "leaver-password-1");
        Assert.Contains("The user name or password is wrong.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/budgets")).StatusCode);

        await users.SetDisabledAsync("leaver", false, admin);
        var enabled = await SignedInClient.CreateAsync(factory, "leaver", "leaver-password-1");
        Assert.Equal(HttpStatusCode.OK, (await enabled.GetAsync("/zones")).StatusCode);
    }

    [Fact]
    public async Task ASignedInUser_WhoseRolesChange_OrWhoIsDisabled_IsSignedOutOnTheNextRequest()
    {
        var users = factory.Services.GetRequiredService<UserAdministration>();
        var admin = new Actor("admin", null, Role.Admin | Role.Viewer);
        await users.CreateAsync(new NewUser("mover", "Mo Mover", null, [Role.Planner], "mover-password-1"), admin);
        var client = await SignedInClient.CreateAsync(factory, "mover", "mover-password-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/approvals")).StatusCode);

        // A role change ends every session of the user (issue 10): signing in again gives the new roles.
        await users.SetRolesAsync("mover", [Role.Viewer], null, admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/approvals")).StatusCode);
        var again = await SignedInClient.CreateAsync(factory, "mover", "mover-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/v1/approvals")).StatusCode);

        await users.SetDisabledAsync("mover", true, admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/budgets")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/", "/zones")]
    [InlineData("//evil.example/", "/zones")]
    [InlineData(null, "/zones")]
    [InlineData("/budgets?x=1", "/budgets?x=1")]
    public void ReturnUrl_StaysOnThisSite(string? given, string expected) =>
        Assert.Equal(expected, Components.Pages.SignIn.SafeReturnUrl(given));
}

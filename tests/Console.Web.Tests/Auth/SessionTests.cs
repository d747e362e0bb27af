using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CapacityConsole.Scheduler.Access;
using CapacityConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Auth;

/// <summary>
/// Issue 10 item 3, sessions you can end, with real cookies over the test server: sign-out ends the
/// session on the server, an admin's password reset ends every session of the user, and repeated
/// failures lock a user name without saying whether it exists.
/// </summary>
public sealed partial class SessionTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static readonly Actor Admin = new("admin", null, Role.Admin | Role.Viewer);

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_SoACopiedCookieStopsWorking()
    {
        var (client, cookies) = await SignInKeepingCookiesAsync("viewer");
        var copied = CopyCookies(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/api/v1/zones")).StatusCode);

        var signOut = await client.PostAsync("/auth/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PageTokenAsync(client),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copied.GetAsync("/api/v1/zones")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutTheToken_OrByGet_IsRefused_AndTheSessionLives()
    {
        var (_, cookies) = await SignInKeepingCookiesAsync("viewer");
        var copied = CopyCookies(cookies);

        // What another site can send: the cookie, a form without the token, or a link.
        var crossSite = await copied.PostAsync("/auth/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
        var link = await copied.GetAsync("/auth/signout");
        Assert.NotEqual(HttpStatusCode.Redirect, link.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/api/v1/zones")).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_EndsEverySessionOfTheUser_AtOnce()
    {
        await factory.Services.GetRequiredService<UserAdministration>()
            .CreateAsync(new NewUser("resetme", "Reset Me", null, [Role.Viewer], "resetme-password-1"), Admin);
        var laptop = await SignedInClient.CreateAsync(factory, "resetme", "resetme-password-1");
        var phone = await SignedInClient.CreateAsync(factory, "resetme", "resetme-password-1");
        var admin = await SignedInClient.CreateAsync(factory, "admin");

        var reset = await admin.PostAsJsonAsync("/api/v1/users/resetme/password", new { password = "a-brand-new-password" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/zones")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/zones")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/zones")).StatusCode);
        var again = await SignedInClient.CreateAsync(factory, "resetme", "a-brand-new-password");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/zones")).StatusCode);
    }

    [Fact]
    public async Task RepeatedFailures_LockTheUserName_EvenAgainstTheRightPassword_AndSaySoForUnknownNamesAlike()
    {
        await factory.Services.GetRequiredService<UserAdministration>()
            .CreateAsync(new NewUser("guessed", "Guessed", null, [Role.Viewer], "guessed-password-1"), Admin);

        foreach (var name in new[] { "guessed", "nobody-by-this-name" })
        {
            for (var i = 0; i < 4; i++)
                Assert.Contains("The user name or password is wrong.", await SignInPageAsync(name, $"wrong-{i}"));
            var fifth = await SignInPageAsync(name, "wrong-5");
            Assert.Contains("Too many failed sign-ins for this user name", fifth);
        }

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var right = await SignedInClient.PostSignInAsync(client, "guessed", "guessed-password-1");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many failed sign-ins for this user name", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/zones")).StatusCode);
    }

    private async Task<string> SignInPageAsync(string userName, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await (await SignedInClient.PostSignInAsync(client, userName, password)).Content.ReadAsStringAsync();
    }

    /// <summary>Signs in through the form and keeps hold of the cookie jar, to copy the cookie a thief would hold.</summary>
    private async Task<(HttpClient Client, CookieContainerHandler Cookies)> SignInKeepingCookiesAsync(string userName, string password = ConsoleFactory.DemoPassword)
    {
        var cookies = new CookieContainerHandler();
        var client = factory.CreateDefaultClient(cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await SignedInClient.PostSignInAsync(client, userName, password)).StatusCode);
        return (client, cookies);
    }

    /// <summary>A second client carrying exactly the cookies of the first.</summary>
    private HttpClient CopyCookies(CookieContainerHandler cookies)
    {
        var copied = factory.CreateDefaultClient();
        copied.DefaultRequestHeaders.Add("Cookie", cookies.Container.GetCookieHeader(factory.Server.BaseAddress));
        return copied;
    }

    private static async Task<string> PageTokenAsync(HttpClient client)
    {
        // The sign-out form of the layout, as a signed-in page renders it.
        var page = await client.GetStringAsync("/zones");
        return TokenPattern().Match(page).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CapacityConsole.Web.Tests.Infrastructure;

/// <summary>
/// Signs in through the real sign-in form (antiforgery token included), as a browser would, then
/// fetches the antiforgery token that cookie-authenticated API changes need and sends it on every
/// call, as the console's own pages and scripts do (README, "No cross-site writes").
/// </summary>
public static partial class SignedInClient
{
    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<CapacityConsole.Web.Components.App> factory, string userName, string password = ConsoleFactory.DemoPassword)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PostSignInAsync(client, userName, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", await AntiforgeryTokenAsync(client));
        return client;
    }

    /// <summary>A signed-in client's antiforgery token, from GET /auth/antiforgery.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/auth/antiforgery");
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/signin");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/signin", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

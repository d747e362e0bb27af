using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CapacityConsole.Scheduler.Seeding;

namespace CapacityConsole.Reliability.Tests.FaultMatrix;

/// <summary>
/// The console's REST API as its users reach it: signed in through the sign-in form with a demo user
/// (cookie + antiforgery header), one client per user, so the four-eyes rules see different people.
/// </summary>
public static partial class ConsoleApi
{
    public const string Password = "fault-matrix";

    public static async Task<HttpClient> SignInAsync(Uri baseUrl, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var page = await client.GetStringAsync("/signin");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        var signedIn = await client.PostAsync("/signin", form);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in as {userName}: {(int)signedIn.StatusCode}");
        using var token = JsonDocument.Parse(await client.GetStringAsync("/auth/antiforgery"));
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token.RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>
    /// Files (as the demo owner) and approves (as a second planner) a request of the order-submit
    /// service whose pre-warm is due at once and whose window ends <paramref name="windowEndsIn"/> from now.
    /// </summary>
    public static async Task<Guid> FileAndApproveAsync(Uri baseUrl, int cores, TimeSpan windowEndsIn)
    {
        using var owner = await SignInAsync(baseUrl, "owner");
        var now = DateTimeOffset.UtcNow;
        var filed = await owner.PostAsJsonAsync("/api/v1/requests?submit=true", new
        {
            serviceId = "order-submit",
            cores,
            regionId = "cn-beijing",
            internalZoneIds = Array.Empty<string>(),
            windowStart = now.AddSeconds(20),
            windowEnd = now + windowEndsIn,
            prewarmLead = "00:05:00",
            budgetId = DemoBudgets.FlashSaleId,
            justification = "Fault matrix: a small event driven through faults.",
            survivableShare = 1.0,
        });
        var body = await filed.Content.ReadAsStringAsync();
        Assert.True(filed.StatusCode == HttpStatusCode.Created, $"filing: {(int)filed.StatusCode} {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        using var planner = await SignInAsync(baseUrl, "planner2");
        var approved = await planner.PostAsJsonAsync($"/api/v1/approvals/{id}/approve", new { comment = "fault matrix" });
        Assert.True(approved.IsSuccessStatusCode, $"approval: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>On-call marks an internal zone Down through the REST API (202 when a failover was scheduled).</summary>
    public static async Task<HttpStatusCode> MarkZoneDownAsync(Uri baseUrl, string internalZoneId)
    {
        using var oncall = await SignInAsync(baseUrl, "oncall");
        // As a client should: a 503 (the database connection lost in a restart) is retried after its Retry-After.
        for (var attempt = 1; ; attempt++)
        {
            var response = await oncall.PutAsJsonAsync($"/api/v1/zones/{internalZoneId}/health", new { health = "Down", reason = "fault matrix: zone lost" });
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            Assert.True(response.IsSuccessStatusCode, $"zone Down: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.StatusCode;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

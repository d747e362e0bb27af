using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>The demo's fixed ids, request bodies and the few calls most API tests make.</summary>
internal static class ApiCalls
{
    /// <summary>Approved, CC-TRADE, from today for 14 days (DemoBudgets).</summary>
    public static readonly Guid FlashSaleBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000001");
    /// <summary>PendingApproval, CC-LIVE.</summary>
    public static readonly Guid GalaBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000003");
    /// <summary>Draft, CC-GROWTH.</summary>
    public static readonly Guid GrowthBudget = Guid.Parse("6d1c3f1e-0b2a-4c7e-9a11-000000000004");

    /// <summary>A request the demo's owner (team trade) may file against the flash-sale budget, two days ahead.</summary>
    public static Dictionary<string, object?> NewRequest(int cores = 960, string service = "order-submit", Guid? budget = null)
    {
        var start = DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(10);
        return new Dictionary<string, object?>
        {
            ["serviceId"] = service,
            ["cores"] = cores,
            ["regionId"] = "cn-beijing",
            ["internalZoneIds"] = Array.Empty<string>(),
            ["windowStart"] = new DateTimeOffset(start, TimeSpan.Zero),
            ["windowEnd"] = new DateTimeOffset(start.AddHours(4), TimeSpan.Zero),
            ["prewarmLead"] = "00:30:00",
            ["budgetId"] = budget ?? FlashSaleBudget,
            ["justification"] = "Flash sale in the evening live stream.",
            ["survivableShare"] = 1.0m,
        };
    }

    /// <summary>An emergency burst the demo's on-call engineer may start for order-submit, charged to the flash-sale budget.</summary>
    public static Dictionary<string, object?> NewBurst(int cores = 320) => new()
    {
        ["serviceId"] = "order-submit",
        ["cores"] = cores,
        ["regionId"] = "cn-beijing",
        ["internalZoneIds"] = null,
        ["duration"] = "02:00:00",
        ["budgetId"] = FlashSaleBudget,
        ["reason"] = "Live room 7 is trending; order-submit at 92% CPU.",
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string field, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [field] = value };
        return copy;
    }

    public static async Task<JsonElement> FileAsync(HttpClient owner, bool submit = false, Dictionary<string, object?>? body = null)
    {
        var response = await owner.PostAsJsonAsync($"/api/v1/requests?submit={submit.ToString().ToLowerInvariant()}", body ?? NewRequest());
        return await OkJsonAsync(response, HttpStatusCode.Created);
    }

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with the status and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Title, detail and field errors in one string, to look for the words that name the problem.</summary>
    public static string Words(this JsonElement problem)
    {
        var words = new List<string?> { problem.GetProperty("title").GetString() };
        if (problem.TryGetProperty("detail", out var detail)) words.Add(detail.GetString());
        if (problem.TryGetProperty("errors", out var errors))
            foreach (var field in errors.EnumerateObject())
                words.Add(field.Name + ": " + string.Join(" ", field.Value.EnumerateArray().Select(e => e.GetString())));
        return string.Join(" | ", words);
    }

    public static Guid Id(this JsonElement json) => json.GetProperty("id").GetGuid();

    public static string State(this JsonElement json) => json.GetProperty("state").GetString()!;
}

internal static class ApiKeyCalls
{
    /// <summary>Issues a key to <paramref name="userName"/> (who must hold the roles); it acts as that user.</summary>
    public static async Task<(Guid Id, string Key)> CreateKeyAsync(HttpClient admin, string name, string[] roles, string userName)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name, userName, roles });
        var created = await ApiCalls.OkJsonAsync(response, HttpStatusCode.Created);
        return (created.GetProperty("apiKey").Id(), created.GetProperty("key").GetString()!);
    }

    /// <summary>A user (a person or a service account) to issue keys to.</summary>
    public static async Task CreateUserAsync(HttpClient admin, string userName, string[] roles, string? team = null) =>
        await ApiCalls.OkJsonAsync(await admin.PostAsJsonAsync("/api/v1/users",
            new { userName, displayName = userName, team, roles, password = "service-account-password" }), HttpStatusCode.Created);
}

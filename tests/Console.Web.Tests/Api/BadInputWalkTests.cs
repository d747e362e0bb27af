using System.Net;
using System.Net.Http.Json;
using System.Text;
using CapacityConsole.Scheduler.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>
/// Issue 6, "Bad input": every endpoint answers malformed JSON, values of the wrong type, unknown
/// ids, wrong states, missing roles, missing sign-in and out-of-range values with a 4xx
/// ProblemDetails that names the problem, and the database is unchanged after each call.
/// </summary>
public sealed class BadInputWalkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private sealed record Case(string Endpoint, string Why, HttpClient Client, string Path, Func<HttpContent>? Body, HttpStatusCode Status, string Names);

    [Fact]
    public async Task EveryEndpoint_AnswersBadInput_WithAProblemNamingIt_AndChangesNothing()
    {
        var (cases, realChange) = await ArrangeAsync();
        AssertEveryEndpointIsWalked(cases);
        var db = factory.Services.GetRequiredService<Database>();
        var before = await DatabaseSnapshot.TakeAsync(db);

        foreach (var c in cases)
        {
            var label = $"{c.Endpoint} ({c.Why}) at {c.Path}";
            var method = new HttpMethod(c.Endpoint.Split(' ')[0]);
            var response = await c.Client.SendAsync(new HttpRequestMessage(method, c.Path) { Content = c.Body?.Invoke() });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == c.Status, $"{label}: expected {(int)c.Status}, got {(int)response.StatusCode} {text}");
            var problem = await ApiCalls.ProblemAsync(response, c.Status);
            Assert.True(problem.Words().Contains(c.Names, StringComparison.OrdinalIgnoreCase),
                $"{label}: the problem does not name '{c.Names}': {problem.Words()}");
            // Issue 10: every 400 names the field it is about in `errors`, route ids included.
            if (c.Status == HttpStatusCode.BadRequest)
                Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(),
                    $"{label}: a 400 without field errors: {text}");
            Assert.True((int)response.StatusCode < 500, $"{label}: {(int)response.StatusCode}");

            var after = await DatabaseSnapshot.TakeAsync(db);
            Assert.True(after == before || after.Tables.SequenceEqual(before.Tables),
                $"{label} changed the database: {string.Join(", ", after.ChangedSince(before))}");
        }

        // The snapshot is not blind: one real change (a submit) shows in the request and its audit trail.
        await realChange();
        var changed = (await DatabaseSnapshot.TakeAsync(db)).ChangedSince(before).ToList();
        Assert.Contains(changed, t => t.StartsWith("core_quota_requests ", StringComparison.Ordinal));
        Assert.Contains(changed, t => t.StartsWith("audit_events ", StringComparison.Ordinal));
    }

    /// <summary>Every /api/v1 endpoint the app maps has at least one bad-input case here.</summary>
    private void AssertEveryEndpointIsWalked(IReadOnlyList<Case> cases)
    {
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        var walked = cases.Select(c => c.Endpoint).ToHashSet();
        Assert.Empty(mapped.Except(walked));
        Assert.Empty(walked.Except(mapped));
    }

    private async Task<(IReadOnlyList<Case> Cases, Func<Task> RealChange)> ArrangeAsync()
    {
        var anonymous = factory.Anonymous();
        var viewer = await factory.SignInAsync("viewer");
        var owner = await factory.SignInAsync("owner");
        var planner = await factory.SignInAsync("planner");
        var oncall = await factory.SignInAsync("oncall");
        var admin = await factory.SignInAsync("admin");

        // Objects in each state the walk needs, made through the API before the snapshot.
        var draft = (await ApiCalls.FileAsync(owner)).Id();
        var submitted = (await ApiCalls.FileAsync(owner, submit: true)).Id();
        var scheduled = (await ApiCalls.FileAsync(owner, submit: true)).Id();
        await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/approvals/{scheduled}/approve", null));
        var cancelled = (await ApiCalls.FileAsync(owner)).Id();
        await ApiCalls.OkJsonAsync(await owner.PostAsync($"/api/v1/requests/{cancelled}/cancel", null));
        var tooBig = (await ApiCalls.FileAsync(owner, submit: true, body: ApiCalls.NewRequest(cores: 1_500_000))).Id();
        var draftBudget = (await ApiCalls.OkJsonAsync(await planner.PostAsJsonAsync("/api/v1/budgets", Budget()), HttpStatusCode.Created)).Id();
        var ownBudget = (await ApiCalls.OkJsonAsync(await planner.PostAsJsonAsync("/api/v1/budgets", Budget(name: "Planner's own")), HttpStatusCode.Created)).Id();
        await ApiCalls.OkJsonAsync(await planner.PostAsync($"/api/v1/budgets/{ownBudget}/submit", null));
        var (_, activeKey) = await ApiKeyCalls.CreateKeyAsync(admin, "walk-bot", ["Viewer"], "viewer");
        var (revokedId, revokedKey) = await ApiKeyCalls.CreateKeyAsync(admin, "walk-gone", ["Viewer"], "viewer");
        await ApiCalls.OkJsonAsync(await admin.DeleteAsync($"/api/v1/api-keys/{revokedId}"));
        var unknown = Guid.NewGuid();
        var withRevokedKey = factory.WithBearer(revokedKey);
        var withGarbageKey = factory.WithBearer("cck_" + new string('x', 43));
        // Cross-site requests (issue 10): the browser sends the real sign-in cookie, but another site
        // cannot read or send the antiforgery token header.
        var crossSitePlanner = await factory.SignInAsync("planner");
        crossSitePlanner.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var crossSiteAdmin = await factory.SignInAsync("admin");
        crossSiteAdmin.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var forgedToken = await factory.SignInAsync("planner");
        forgedToken.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        forgedToken.DefaultRequestHeaders.Add("X-XSRF-TOKEN", "forged-by-another-site");
        var withEmptyKey = factory.Anonymous();
        withEmptyKey.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer");
        Assert.NotEmpty(activeKey);

        var request = ApiCalls.NewRequest();
        var burst = ApiCalls.NewBurst();
        var past = DateTimeOffset.UtcNow.AddDays(-1);
        Case C(string endpoint, string why, HttpClient client, string path, Func<HttpContent>? body, HttpStatusCode status, string names) =>
            new(endpoint, why, client, path, body, status, names);
        const HttpStatusCode TooLarge = HttpStatusCode.RequestEntityTooLarge;
        const HttpStatusCode Bad = HttpStatusCode.BadRequest, Missing = HttpStatusCode.NotFound, State = HttpStatusCode.Conflict,
            Role = HttpStatusCode.Forbidden, SignIn = HttpStatusCode.Unauthorized, Media = HttpStatusCode.UnsupportedMediaType;

        Func<Task> realChange = async () => await ApiCalls.OkJsonAsync(await owner.PostAsync($"/api/v1/requests/{draft}/submit", null));
        return (
        [
            // Zones
            C("GET /api/v1/zones", "no sign-in", anonymous, "/api/v1/zones", null, SignIn, "Sign in"),
            C("GET /api/v1/zones", "revoked key", withRevokedKey, "/api/v1/zones", null, SignIn, "revoked"),
            C("GET /api/v1/zones", "unknown key", withGarbageKey, "/api/v1/zones", null, SignIn, "not known"),
            C("GET /api/v1/zones", "empty key", withEmptyKey, "/api/v1/zones", null, SignIn, "empty"),

            // Offerings
            C("GET /api/v1/offerings", "no sign-in", anonymous, "/api/v1/offerings", null, SignIn, "Sign in"),
            C("GET /api/v1/offerings", "unknown provider", viewer, "/api/v1/offerings?provider=Azure", null, Bad, "provider"),
            C("GET /api/v1/offerings", "provider out of range", viewer, "/api/v1/offerings?provider=7", null, Bad, "Providers are"),
            C("GET /api/v1/offerings", "unknown member zone", viewer, "/api/v1/offerings?memberZone=mars-1", null, Bad, "mars-1"),
            C("GET /api/v1/offerings", "page size over the maximum", viewer, "/api/v1/offerings?pageSize=501", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/offerings", "search too long", viewer, "/api/v1/offerings?search=" + new string('x', 201), null, Bad, "search"),

            // Services
            C("GET /api/v1/services", "no sign-in", anonymous, "/api/v1/services", null, SignIn, "Sign in"),
            C("GET /api/v1/services", "page size over the maximum", viewer, "/api/v1/services?pageSize=100000", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/services", "page past the counted rows", viewer, "/api/v1/services?page=21&pageSize=500", null, Bad, "first 10,000 rows"),
            C("GET /api/v1/services/{id}", "unknown id", viewer, "/api/v1/services/nope", null, Missing, "'nope' was not found"),

            // Budgets
            C("GET /api/v1/budgets", "no sign-in", anonymous, "/api/v1/budgets", null, SignIn, "Sign in"),
            C("GET /api/v1/budgets", "page size over the maximum", viewer, "/api/v1/budgets?pageSize=501", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/budgets", "page below one", viewer, "/api/v1/budgets?page=0", null, Bad, "page"),
            C("GET /api/v1/budgets", "unknown state", viewer, "/api/v1/budgets?state=Open", null, Bad, "state"),
            C("GET /api/v1/budgets/{id}", "id not a GUID", viewer, "/api/v1/budgets/not-a-guid", null, Bad, "not-a-guid"),
            C("GET /api/v1/budgets/{id}", "unknown id", viewer, $"/api/v1/budgets/{unknown}", null, Missing, unknown.ToString()),
            C("POST /api/v1/budgets", "missing role", viewer, "/api/v1/budgets", Json(Budget()), Role, "Planner"),
            C("POST /api/v1/budgets", "malformed JSON", planner, "/api/v1/budgets", Raw("{\"name\": "), Bad, "could not be read"),
            C("POST /api/v1/budgets", "wrong type", planner, "/api/v1/budgets", Json(Budget(amount: "lots")), Bad, "amount"),
            C("POST /api/v1/budgets", "amount out of range", planner, "/api/v1/budgets", Json(Budget(amount: -5m)), Bad, "more than 0"),
            C("POST /api/v1/budgets", "amount below a fen", planner, "/api/v1/budgets", Json(Budget(amount: 10.005m)), Bad, "two decimals"),
            C("POST /api/v1/budgets", "period reversed", planner, "/api/v1/budgets",
                Json(Budget(periodEnd: "2026-12-01T00:00:00Z")), Bad, "PeriodEnd"),
            C("POST /api/v1/budgets", "null name", planner, "/api/v1/budgets", Json(Budget(name: null)), Bad, "Name"),
            C("POST /api/v1/budgets", "no body", planner, "/api/v1/budgets", null, Bad, "needs a JSON body"),
            C("POST /api/v1/budgets", "not JSON", planner, "/api/v1/budgets", Raw("name=x", "application/x-www-form-urlencoded"), Media, "application/json"),
            C("POST /api/v1/budgets/{id}/submit", "unknown id", planner, $"/api/v1/budgets/{unknown}/submit", null, Missing, unknown.ToString()),
            C("POST /api/v1/budgets/{id}/submit", "wrong state", planner, $"/api/v1/budgets/{ApiCalls.FlashSaleBudget}/submit", null, State, "Approved"),
            C("POST /api/v1/budgets/{id}/submit", "missing role", viewer, $"/api/v1/budgets/{draftBudget}/submit", null, Role, "Planner"),
            C("POST /api/v1/budgets/{id}/approve", "wrong state", planner, $"/api/v1/budgets/{draftBudget}/approve", Json(new { comment = "ok" }), State, "Draft"),
            C("POST /api/v1/budgets/{id}/approve", "malformed JSON", planner, $"/api/v1/budgets/{ApiCalls.GalaBudget}/approve", Raw("{comment:"), Bad, "could not be read"),
            C("POST /api/v1/budgets/{id}/approve", "wrong type", planner, $"/api/v1/budgets/{ApiCalls.GalaBudget}/approve", Json(new { comment = 5 }), Bad, "comment"),
            C("POST /api/v1/budgets/{id}/approve", "unknown id", planner, $"/api/v1/budgets/{unknown}/approve", Json(new { comment = "ok" }), Missing, unknown.ToString()),
            C("POST /api/v1/budgets/{id}/approve", "missing role", owner, $"/api/v1/budgets/{ApiCalls.GalaBudget}/approve", Json(new { comment = "ok" }), Role, "Planner"),
            C("POST /api/v1/budgets/{id}/reject", "wrong state", planner, $"/api/v1/budgets/{draftBudget}/reject", Json(new { comment = "no" }), State, "Draft"),
            C("POST /api/v1/budgets/{id}/reject", "missing role", viewer, $"/api/v1/budgets/{ApiCalls.GalaBudget}/reject", Json(new { comment = "no" }), Role, "Planner"),
            C("POST /api/v1/budgets/{id}/close", "wrong state", planner, $"/api/v1/budgets/{draftBudget}/close", null, State, "Draft"),
            C("POST /api/v1/budgets/{id}/close", "requests still hold money on it", planner, $"/api/v1/budgets/{ApiCalls.FlashSaleBudget}/close", null, State, "still pays for"),
            C("POST /api/v1/budgets/{id}/close", "id not a GUID", planner, "/api/v1/budgets/42/close", null, Bad, "\"42\""),
            C("POST /api/v1/budgets/{id}/close", "route id field", planner, "/api/v1/budgets/42/close", null, Bad, "id: '42' is not a valid Guid"),
            C("POST /api/v1/budgets", "unknown charset", planner, "/api/v1/budgets", Typed(Budget(), "application/json; charset=bogus"), Media, "UTF-8"),
            C("POST /api/v1/budgets", "utf-7", planner, "/api/v1/budgets", Typed(Budget(), "application/json; charset=utf-7"), Media, "utf-7"),
            C("POST /api/v1/budgets", "null body", planner, "/api/v1/budgets", Raw("null"), Bad, "body"),
            C("POST /api/v1/budgets", "empty body", planner, "/api/v1/budgets", Raw(""), Bad, "body"),
            C("POST /api/v1/budgets", "name too long", planner, "/api/v1/budgets", Json(Budget(name: new string('n', 201))), Bad, "at most 200"),
            C("POST /api/v1/budgets", "event name too long", planner, "/api/v1/budgets", Json(Budget().With("eventName", new string('e', 201))), Bad, "EventName"),
            C("POST /api/v1/budgets", "body over the limit", planner, "/api/v1/budgets", Json(Budget(name: new string('n', 300_000))), TooLarge, "at most"),
            C("POST /api/v1/budgets/{id}/approve", "comment too long", planner, $"/api/v1/budgets/{ApiCalls.GalaBudget}/approve", Json(new { comment = new string('c', 2001) }), Bad, "Comment"),
            C("POST /api/v1/budgets/{id}/approve", "own budget (four-eyes)", planner, $"/api/v1/budgets/{ownBudget}/approve", null, Role, "Four-eyes rule"),
            C("POST /api/v1/budgets/{id}/reject", "own budget (four-eyes)", planner, $"/api/v1/budgets/{ownBudget}/reject", Json(new { comment = "no" }), Role, "Four-eyes rule"),
            C("POST /api/v1/budgets/{id}/approve", "cross-site empty form POST", crossSitePlanner, $"/api/v1/budgets/{ApiCalls.GalaBudget}/approve",
                Raw("", "application/x-www-form-urlencoded"), Bad, "X-XSRF-TOKEN"),
            C("POST /api/v1/budgets/{id}/submit", "cross-site body-less POST", crossSitePlanner, $"/api/v1/budgets/{draftBudget}/submit", null, Bad, "antiforgery"),
            C("POST /api/v1/budgets/{id}/close", "cross-site text/plain POST", crossSitePlanner, $"/api/v1/budgets/{ApiCalls.FlashSaleBudget}/close",
                Raw("{}", "text/plain"), Bad, "X-XSRF-TOKEN"),
            C("POST /api/v1/budgets/{id}/reject", "forged token", forgedToken, $"/api/v1/budgets/{ApiCalls.GalaBudget}/reject", Json(new { comment = "no" }), Bad, "antiforgery"),

            // Requests
            C("GET /api/v1/requests", "no sign-in", anonymous, "/api/v1/requests", null, SignIn, "Sign in"),
            C("GET /api/v1/requests", "unknown state", viewer, "/api/v1/requests?state=Pending", null, Bad, "state"),
            C("GET /api/v1/requests", "state out of range", viewer, "/api/v1/requests?state=42", null, Bad, "States are"),
            C("GET /api/v1/requests", "unknown service", viewer, "/api/v1/requests?service=nope", null, Bad, "no service 'nope'"),
            C("GET /api/v1/requests", "page size over the maximum", viewer, "/api/v1/requests?pageSize=100000", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/requests", "page past the counted rows", viewer, "/api/v1/requests?page=21&pageSize=500", null, Bad, "first 10,000 rows"),
            C("GET /api/v1/requests/{id}", "id not a GUID", viewer, "/api/v1/requests/abc", null, Bad, "\"abc\""),
            C("GET /api/v1/requests/{id}", "unknown id", viewer, $"/api/v1/requests/{unknown}", null, Missing, unknown.ToString()),
            C("POST /api/v1/requests", "missing role", viewer, "/api/v1/requests", Json(request), Role, "ServiceOwner"),
            C("POST /api/v1/requests", "planner is no owner", planner, "/api/v1/requests", Json(request), Role, "ServiceOwner"),
            C("POST /api/v1/requests", "another team's service", owner, "/api/v1/requests", Json(request.With("serviceId", "live-room-gateway")), Role, "live"),
            C("POST /api/v1/requests", "malformed JSON", owner, "/api/v1/requests", Raw("{\"cores\": 10,,}"), Bad, "could not be read"),
            C("POST /api/v1/requests", "wrong type", owner, "/api/v1/requests", Json(request.With("cores", "many")), Bad, "cores"),
            C("POST /api/v1/requests", "cores zero", owner, "/api/v1/requests", Json(request.With("cores", 0)), Bad, "above 0"),
            C("POST /api/v1/requests", "cores too many", owner, "/api/v1/requests", Json(request.With("cores", 3_000_000)), Bad, "at most 2,000,000"),
            C("POST /api/v1/requests", "share above 1", owner, "/api/v1/requests", Json(request.With("survivableShare", 2)), Bad, "SurvivableShare"),
            C("POST /api/v1/requests", "minimum unit size negative", owner, "/api/v1/requests", Json(request.With("minCoresPerUnit", -1)), Bad, "MinCoresPerUnit"),
            C("POST /api/v1/requests", "minimum unit size no offering meets", owner, "/api/v1/requests", Json(request.With("minCoresPerUnit", 1000)), Bad, "MinCoresPerUnit"),
            C("POST /api/v1/requests", "negative lead", owner, "/api/v1/requests", Json(request.With("prewarmLead", "-01:00:00")), Bad, "PrewarmLead"),
            C("POST /api/v1/requests", "window in the past", owner, "/api/v1/requests",
                Json(request.With("windowStart", past).With("windowEnd", past.AddHours(1))), Bad, "past"),
            C("POST /api/v1/requests", "window reversed", owner, "/api/v1/requests", Json(request.With("windowEnd", request["windowStart"])), Bad, "WindowEnd"),
            C("POST /api/v1/requests", "unknown service", owner, "/api/v1/requests", Json(request.With("serviceId", "nope")), Bad, "no service 'nope'"),
            C("POST /api/v1/requests", "unknown budget", owner, "/api/v1/requests", Json(request.With("budgetId", unknown)), Bad, "no budget"),
            C("POST /api/v1/requests", "budget not approved", owner, "/api/v1/requests", Json(request.With("budgetId", draftBudget)), Bad, "only an Approved budget"),
            C("POST /api/v1/requests", "unknown region", owner, "/api/v1/requests", Json(request.With("regionId", "cn-nowhere")), Bad, "cn-nowhere"),
            C("POST /api/v1/requests", "zone of another region", owner, "/api/v1/requests", Json(request.With("internalZoneIds", new[] { "sh-1" })), Bad, "sh-1"),
            C("POST /api/v1/requests", "null inside zones", owner, "/api/v1/requests", Json(request.With("internalZoneIds", new string?[] { null })), Bad, "InternalZoneIds"),
            C("POST /api/v1/requests", "pre-warm lead of TimeSpan.MaxValue", owner, "/api/v1/requests", Json(request.With("prewarmLead", TimeSpan.MaxValue.ToString("c"))), Bad, "PrewarmLead"),
            C("POST /api/v1/requests", "window ending 9999-12-31", owner, "/api/v1/requests",
                Json(request.With("windowEnd", "9999-12-31T23:59:59Z")), Bad, "WindowEnd"),
            C("POST /api/v1/requests", "justification too long", owner, "/api/v1/requests", Json(request.With("justification", new string('j', 4001))), Bad, "Justification"),
            C("POST /api/v1/requests", "unknown charset", owner, "/api/v1/requests", Typed(request, "application/json; charset=bogus"), Media, "Content-Type"),
            C("POST /api/v1/plans/preview", "pre-warm lead of TimeSpan.MaxValue", owner, "/api/v1/plans/preview", Json(request.With("prewarmLead", TimeSpan.MaxValue.ToString("c"))), Bad, "PrewarmLead"),
            C("POST /api/v1/requests", "null zones", owner, "/api/v1/requests", Json(request.With("internalZoneIds", null)), Bad, "InternalZoneIds"),
            C("POST /api/v1/requests", "missing field", owner, "/api/v1/requests", Json(Without(request, "prewarmLead")), Bad, "prewarmLead"),
            C("POST /api/v1/requests", "submit flag not a bool", owner, "/api/v1/requests?submit=maybe", Json(request), Bad, "submit"),
            C("POST /api/v1/requests", "not JSON", owner, "/api/v1/requests", Raw("cores=10", "text/plain"), Media, "application/json"),
            C("POST /api/v1/requests/{id}/submit", "unknown id", owner, $"/api/v1/requests/{unknown}/submit", null, Missing, unknown.ToString()),
            C("POST /api/v1/requests/{id}/submit", "wrong state", owner, $"/api/v1/requests/{submitted}/submit", null, State, "Submitted"),
            C("POST /api/v1/requests/{id}/submit", "missing role", viewer, $"/api/v1/requests/{draft}/submit", null, Role, "ServiceOwner"),
            C("POST /api/v1/requests/{id}/cancel", "unknown id", owner, $"/api/v1/requests/{unknown}/cancel", null, Missing, unknown.ToString()),
            C("POST /api/v1/requests/{id}/cancel", "wrong state", owner, $"/api/v1/requests/{cancelled}/cancel", null, State, "Cancelled"),
            C("POST /api/v1/requests/{id}/cancel", "not the service's team", viewer, $"/api/v1/requests/{draft}/cancel", null, Role, "viewer"),

            // Approvals
            C("GET /api/v1/approvals", "missing role", owner, "/api/v1/approvals", null, Role, "Planner"),
            C("POST /api/v1/approvals/{id}/approve", "unknown id", planner, $"/api/v1/approvals/{unknown}/approve", null, Missing, unknown.ToString()),
            C("POST /api/v1/approvals/{id}/approve", "draft", planner, $"/api/v1/approvals/{draft}/approve", null, State, "Draft"),
            C("POST /api/v1/approvals/{id}/approve", "already approved", planner, $"/api/v1/approvals/{scheduled}/approve", null, State, "Scheduled"),
            C("POST /api/v1/approvals/{id}/approve", "plan falls short", planner, $"/api/v1/approvals/{tooBig}/approve", null, State, "short of"),
            C("POST /api/v1/approvals/{id}/approve", "comment too long", planner, $"/api/v1/approvals/{submitted}/approve", Json(new { comment = new string('c', 2001) }), Bad, "Comment"),
            C("POST /api/v1/approvals/{id}/approve", "missing role", owner, $"/api/v1/approvals/{submitted}/approve", null, Role, "Planner"),
            C("POST /api/v1/approvals/{id}/approve", "malformed JSON", planner, $"/api/v1/approvals/{submitted}/approve", Raw("{\"comment\""), Bad, "could not be read"),
            C("POST /api/v1/approvals/{id}/approve", "wrong type", planner, $"/api/v1/approvals/{submitted}/approve", Json(new { comment = new[] { 1 } }), Bad, "comment"),
            C("POST /api/v1/approvals/{id}/reject", "unknown id", planner, $"/api/v1/approvals/{unknown}/reject", null, Missing, unknown.ToString()),
            C("POST /api/v1/approvals/{id}/reject", "wrong state", planner, $"/api/v1/approvals/{scheduled}/reject", Json(new { comment = "no" }), State, "Scheduled"),
            C("POST /api/v1/approvals/{id}/reject", "missing role", viewer, $"/api/v1/approvals/{submitted}/reject", null, Role, "Planner"),

            // Plans
            C("POST /api/v1/plans/preview", "missing role", viewer, "/api/v1/plans/preview", Json(request), Role, "ServiceOwner"),
            C("POST /api/v1/plans/preview", "malformed JSON", owner, "/api/v1/plans/preview", Raw("[1,2"), Bad, "could not be read"),
            C("POST /api/v1/plans/preview", "cores zero", owner, "/api/v1/plans/preview", Json(request.With("cores", 0)), Bad, "Cores"),
            C("POST /api/v1/plans/preview", "minimum unit size no offering meets", owner, "/api/v1/plans/preview", Json(request.With("minCoresPerUnit", 1000)), Bad, "No offering in cn-beijing meets"),
            C("POST /api/v1/plans/preview", "unknown region", owner, "/api/v1/plans/preview", Json(request.With("regionId", "cn-nowhere")), Bad, "cn-nowhere"),
            C("POST /api/v1/plans/preview", "zone of another region", owner, "/api/v1/plans/preview", Json(request.With("internalZoneIds", new[] { "sh-1" })), Bad, "sh-1"),
            C("GET /api/v1/requests/{id}/plan", "unknown id", viewer, $"/api/v1/requests/{unknown}/plan", null, Missing, unknown.ToString()),
            C("GET /api/v1/requests/{id}/plan", "never planned", viewer, $"/api/v1/requests/{cancelled}/plan", null, Missing, "Cancelled"),
            C("GET /api/v1/requests/{id}/plan", "id not a GUID", viewer, "/api/v1/requests/x/plan", null, Bad, "\"x\""),

            // Emergency bursts
            C("POST /api/v1/emergency-bursts", "missing role", owner, "/api/v1/emergency-bursts", Json(burst), Role, "OnCall"),
            C("POST /api/v1/emergency-bursts", "no sign-in", anonymous, "/api/v1/emergency-bursts", Json(burst), SignIn, "Sign in"),
            C("POST /api/v1/emergency-bursts", "no reason", oncall, "/api/v1/emergency-bursts", Json(burst.With("reason", " ")), Bad, "Reason"),
            C("POST /api/v1/emergency-bursts", "duration zero", oncall, "/api/v1/emergency-bursts", Json(burst.With("duration", "00:00:00")), Bad, "Duration"),
            C("POST /api/v1/emergency-bursts", "cores zero", oncall, "/api/v1/emergency-bursts", Json(burst.With("cores", 0)), Bad, "above 0"),
            C("POST /api/v1/emergency-bursts", "unknown service", oncall, "/api/v1/emergency-bursts", Json(burst.With("serviceId", "nope")), Bad, "no service 'nope'"),
            C("POST /api/v1/emergency-bursts", "plan falls short", oncall, "/api/v1/emergency-bursts", Json(burst.With("cores", 1_500_000)), State, "short of"),
            C("POST /api/v1/emergency-bursts", "malformed JSON", oncall, "/api/v1/emergency-bursts", Raw("{\"cores\": "), Bad, "could not be read"),
            C("POST /api/v1/emergency-bursts", "duration of TimeSpan.MaxValue", oncall, "/api/v1/emergency-bursts", Json(burst.With("duration", TimeSpan.MaxValue.ToString("c"))), Bad, "Duration"),
            C("POST /api/v1/emergency-bursts", "null inside zones", oncall, "/api/v1/emergency-bursts", Json(burst.With("internalZoneIds", new string?[] { null })), Bad, "InternalZoneIds"),
            C("POST /api/v1/emergency-bursts", "reason too long", oncall, "/api/v1/emergency-bursts", Json(burst.With("reason", new string('r', 1990))), Bad, "Reason"),
            C("POST /api/v1/emergency-bursts", "wrong type", oncall, "/api/v1/emergency-bursts", Json(burst.With("cores", "lots")), Bad, "cores"),

            // Zone health (issue 12)
            C("PUT /api/v1/zones/{internalZoneId}/health", "missing role", owner, "/api/v1/zones/bj-4/health", Json(new { health = "Down", reason = "walk" }), Role, "OnCall"),
            C("PUT /api/v1/zones/{internalZoneId}/health", "no sign-in", anonymous, "/api/v1/zones/bj-4/health", Json(new { health = "Down", reason = "walk" }), SignIn, "Sign in"),
            C("PUT /api/v1/zones/{internalZoneId}/health", "no reason", oncall, "/api/v1/zones/bj-4/health", Json(new { health = "Down", reason = " " }), Bad, "Reason"),
            C("PUT /api/v1/zones/{internalZoneId}/health", "unknown zone", oncall, "/api/v1/zones/zz-9/health", Json(new { health = "Down", reason = "walk" }), Missing, "zz-9"),
            C("PUT /api/v1/zones/{internalZoneId}/health", "not a health", oncall, "/api/v1/zones/bj-4/health", Json(new { health = "Sideways", reason = "walk" }), Bad, "health"),
            C("PUT /api/v1/zones/{internalZoneId}/health", "malformed JSON", oncall, "/api/v1/zones/bj-4/health", Raw("{\"health\": "), Bad, "could not be read"),
            C("PUT /api/v1/zones/{internalZoneId}/members/{memberZoneId}/health", "missing role", owner, "/api/v1/zones/bj-4/members/bj-idc-huailai/health", Json(new { health = "Down", reason = "walk" }), Role, "OnCall"),
            C("PUT /api/v1/zones/{internalZoneId}/members/{memberZoneId}/health", "member of another zone", oncall, "/api/v1/zones/bj-4/members/bj-idc-shunyi/health", Json(new { health = "Down", reason = "walk" }), Missing, "bj-4/bj-idc-shunyi"),
            C("PUT /api/v1/zones/{internalZoneId}/members/{memberZoneId}/health", "no reason", oncall, "/api/v1/zones/bj-4/members/bj-idc-huailai/health", Json(new { health = "Down", reason = "" }), Bad, "Reason"),

            // Provisioning orders and resources
            C("GET /api/v1/requests/{id}/order", "unknown id", viewer, $"/api/v1/requests/{unknown}/order", null, Missing, unknown.ToString()),
            C("GET /api/v1/requests/{id}/order", "not provisioned yet", viewer, $"/api/v1/requests/{scheduled}/order", null, Missing, "no provisioning order yet"),
            C("GET /api/v1/requests/{id}/order", "no sign-in", anonymous, $"/api/v1/requests/{scheduled}/order", null, SignIn, "Sign in"),
            C("GET /api/v1/requests/{id}/resources", "unknown id", viewer, $"/api/v1/requests/{unknown}/resources", null, Missing, unknown.ToString()),
            C("GET /api/v1/requests/{id}/resources", "id not a GUID", viewer, "/api/v1/requests/1/resources", null, Bad, "\"1\""),
            C("GET /api/v1/requests/{id}/resources", "page size over the maximum", viewer, $"/api/v1/requests/{scheduled}/resources?pageSize=501", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/requests/{id}/resources", "unknown state", viewer, $"/api/v1/requests/{scheduled}/resources?state=Booting", null, Bad, "state"),
            C("GET /api/v1/requests/{id}/batches", "unknown id", viewer, $"/api/v1/requests/{unknown}/batches", null, Missing, unknown.ToString()),
            C("GET /api/v1/requests/{id}/batches", "not provisioned yet", viewer, $"/api/v1/requests/{scheduled}/batches", null, Missing, "no provisioning order yet"),
            C("GET /api/v1/requests/{id}/batches", "page size over the maximum", viewer, $"/api/v1/requests/{scheduled}/batches?pageSize=100000", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/requests/{id}/batches", "state out of range", viewer, $"/api/v1/requests/{scheduled}/batches?state=42", null, Bad, "States are"),

            // Audit
            C("GET /api/v1/audit", "no entity", viewer, $"/api/v1/audit?id={draft}", null, Bad, "entity"),
            C("GET /api/v1/audit", "no id", viewer, "/api/v1/audit?entity=CoreQuotaRequest", null, Bad, "id"),
            C("GET /api/v1/audit", "id not a GUID", viewer, "/api/v1/audit?entity=Budget&id=abc", null, Bad, "GUID"),
            C("GET /api/v1/audit", "unknown id", viewer, $"/api/v1/audit?entity=CoreQuotaRequest&id={unknown}", null, Missing, unknown.ToString()),
            C("GET /api/v1/audit", "unknown API key", admin, $"/api/v1/audit?entity=ApiKey&id={unknown}", null, Missing, "API key"),
            C("GET /api/v1/audit", "a key's history, not an admin", viewer, $"/api/v1/audit?entity=ApiKey&id={unknown}", null, Role, "admins only"),
            C("GET /api/v1/audit", "a user's history, not an admin", planner, "/api/v1/audit?entity=User&id=viewer", null, Role, "admins only"),
            C("GET /api/v1/audit", "entity name too long", viewer, $"/api/v1/audit?entity={new string('x', 65)}&id=1", null, Bad, "entity"),
            C("GET /api/v1/audit", "no sign-in", anonymous, $"/api/v1/audit?entity=CoreQuotaRequest&id={draft}", null, SignIn, "Sign in"),

            // API keys
            C("GET /api/v1/api-keys", "missing role", planner, "/api/v1/api-keys", null, Role, "Admin"),
            C("GET /api/v1/api-keys", "page size over the maximum", admin, "/api/v1/api-keys?pageSize=501", null, Bad, "maximum pageSize is 500"),
            C("GET /api/v1/api-keys", "revoked not a boolean", admin, "/api/v1/api-keys?revoked=maybe", null, Bad, "maybe"),
            C("POST /api/v1/api-keys", "missing role", planner, "/api/v1/api-keys", Json(new { name = "x", userName = "viewer", roles = new[] { "Viewer" } }), Role, "Admin"),
            C("POST /api/v1/api-keys", "no roles", admin, "/api/v1/api-keys", Json(new { name = "x", userName = "viewer", roles = Array.Empty<string>() }), Bad, "at least one role"),
            C("POST /api/v1/api-keys", "role out of range", admin, "/api/v1/api-keys", Json(new { name = "x", userName = "viewer", roles = new[] { 64 } }), Bad, "Roles are"),
            C("POST /api/v1/api-keys", "unknown role", admin, "/api/v1/api-keys", Json(new { name = "x", userName = "viewer", roles = new[] { "Root" } }), Bad, "roles"),
            C("POST /api/v1/api-keys", "role the holder lacks", admin, "/api/v1/api-keys", Json(new { name = "x", userName = "viewer", roles = new[] { "ServiceOwner" } }), Bad, "lacks ServiceOwner"),
            C("POST /api/v1/api-keys", "no holder", admin, "/api/v1/api-keys", Json(new { name = "x", roles = new[] { "Viewer" } }), Bad, "userName"),
            C("POST /api/v1/api-keys", "unknown holder", admin, "/api/v1/api-keys", Json(new { name = "x", userName = "nobody", roles = new[] { "Viewer" } }), Bad, "no user 'nobody'"),
            C("POST /api/v1/api-keys", "bad name", admin, "/api/v1/api-keys", Json(new { name = "has spaces", userName = "viewer", roles = new[] { "Viewer" } }), Bad, "Name"),
            C("POST /api/v1/api-keys", "name taken", admin, "/api/v1/api-keys", Json(new { name = "walk-bot", userName = "viewer", roles = new[] { "Viewer" } }), State, "walk-bot"),
            C("POST /api/v1/api-keys", "malformed JSON", admin, "/api/v1/api-keys", Raw("{\"name\": \"x\", \"roles\": [}"), Bad, "could not be read"),
            C("DELETE /api/v1/api-keys/{id}", "unknown id", admin, $"/api/v1/api-keys/{unknown}", null, Missing, unknown.ToString()),
            C("DELETE /api/v1/api-keys/{id}", "revoked already", admin, $"/api/v1/api-keys/{revokedId}", null, State, "revoked already"),
            C("DELETE /api/v1/api-keys/{id}", "missing role", planner, $"/api/v1/api-keys/{revokedId}", null, Role, "Admin"),
            C("DELETE /api/v1/api-keys/{id}", "id not a GUID", admin, "/api/v1/api-keys/walk-bot", null, Bad, "walk-bot"),

            // Services (admin)
            C("POST /api/v1/services", "missing role", planner, "/api/v1/services", Json(Service()), Role, "Admin"),
            C("POST /api/v1/services", "unknown zone", admin, "/api/v1/services", Json(Service(zones: ["mars-1"])), Bad, "mars-1"),
            C("POST /api/v1/services", "bad id", admin, "/api/v1/services", Json(Service(id: "Bad Id!")), Bad, "id is 2 to 40"),
            C("POST /api/v1/services", "id taken", admin, "/api/v1/services", Json(Service(id: "order-submit")), State, "order-submit"),
            C("POST /api/v1/services", "unknown tier", admin, "/api/v1/services", Json(Service(tier: "Gold")), Bad, "tier"),
            C("POST /api/v1/services", "minimum unit size no offering meets", admin, "/api/v1/services", Json(Service().With("minCoresPerUnit", 1000)), Bad, "MinCoresPerUnit"),
            C("PUT /api/v1/services/{id}", "minimum unit size out of range", admin, "/api/v1/services/order-submit", Json(Service().With("minCoresPerUnit", 5000)), Bad, "MinCoresPerUnit"),
            C("POST /api/v1/services", "malformed JSON", admin, "/api/v1/services", Raw("{\"id\": ["), Bad, "could not be read"),
            C("PUT /api/v1/services/{id}", "unknown id", admin, "/api/v1/services/nope", Json(Service()), Missing, "'nope' was not found"),
            C("PUT /api/v1/services/{id}", "unknown zone", admin, "/api/v1/services/order-submit", Json(Service(zones: ["mars-1"])), Bad, "AllowedInternalZoneIds"),
            C("POST /api/v1/services", "null inside allowed zones", admin, "/api/v1/services", Json(Service().With("allowedInternalZoneIds", new string?[] { null })), Bad, "AllowedInternalZoneIds"),
            C("PUT /api/v1/services/{id}", "null inside allowed zones", admin, "/api/v1/services/order-submit", Json(Service().With("allowedInternalZoneIds", new string?[] { null, "bj-1" })), Bad, "AllowedInternalZoneIds"),
            C("PUT /api/v1/services/{id}", "unknown charset", admin, "/api/v1/services/order-submit", Typed(Service(), "application/json; charset=bogus"), Media, "UTF-8"),
            C("PUT /api/v1/services/{id}", "missing role", owner, "/api/v1/services/order-submit", Json(Service()), Role, "Admin"),

            // Users (admin)
            C("GET /api/v1/users", "missing role", planner, "/api/v1/users", null, Role, "Admin"),
            C("GET /api/v1/users", "page below one", admin, "/api/v1/users?page=0", null, Bad, "page"),
            C("GET /api/v1/users", "search too long", admin, "/api/v1/users?search=" + new string('x', 201), null, Bad, "search"),
            C("POST /api/v1/users", "missing role", planner, "/api/v1/users", Json(User()), Role, "Admin"),
            C("POST /api/v1/users", "short password", admin, "/api/v1/users", Json(User(password: "short")), Bad, "12 characters"),
            C("POST /api/v1/users", "user name taken", admin, "/api/v1/users", Json(User(userName: "planner")), State, "planner"),
            C("POST /api/v1/users", "null inside roles", admin, "/api/v1/users", Json(User().With("roles", new string?[] { null })), Bad, "roles"),
            C("POST /api/v1/users", "display name too long", admin, "/api/v1/users", Json(User().With("displayName", new string('d', 81))), Bad, "DisplayName"),
            C("POST /api/v1/api-keys", "null inside roles", admin, "/api/v1/api-keys", Json(new { name = "x", userName = "viewer", roles = new string?[] { null } }), Bad, "roles"),
            C("POST /api/v1/users", "unknown role", admin, "/api/v1/users", Json(User(role: "Root")), Bad, "roles"),
            C("PUT /api/v1/users/{userName}/roles", "own Admin role", admin, "/api/v1/users/admin/roles", Json(new { roles = new[] { "Planner" } }), Bad, "own Admin role"),
            C("PUT /api/v1/users/{userName}/roles", "unknown user", admin, "/api/v1/users/nobody/roles", Json(new { roles = new[] { "Viewer" } }), Missing, "nobody"),
            C("PUT /api/v1/users/{userName}/roles", "missing role", planner, "/api/v1/users/viewer/roles", Json(new { roles = new[] { "Admin" } }), Role, "Admin"),
            C("POST /api/v1/users/{userName}/disable", "oneself", admin, "/api/v1/users/admin/disable", null, State, "disable yourself"),
            C("POST /api/v1/users/{userName}/disable", "cross-site body-less POST", crossSiteAdmin, "/api/v1/users/viewer/disable", null, Bad, "X-XSRF-TOKEN"),
            C("POST /api/v1/users/{userName}/disable", "cross-site empty form POST", crossSiteAdmin, "/api/v1/users/viewer/disable",
                Raw("", "application/x-www-form-urlencoded"), Bad, "X-XSRF-TOKEN"),
            C("POST /api/v1/users/{userName}/password", "cross-site text/plain POST", crossSiteAdmin, "/api/v1/users/viewer/password",
                Raw("{\"password\":\"attacker-chosen-password\"}", "text/plain"), Bad, "X-XSRF-TOKEN"),
            C("POST /api/v1/users/{userName}/disable", "unknown user", admin, "/api/v1/users/nobody/disable", null, Missing, "nobody"),
            C("POST /api/v1/users/{userName}/enable", "enabled already", admin, "/api/v1/users/viewer/enable", null, State, "enabled already"),
            C("POST /api/v1/users/{userName}/enable", "missing role", planner, "/api/v1/users/viewer/enable", null, Role, "Admin"),
            C("POST /api/v1/users/{userName}/password", "short password", admin, "/api/v1/users/viewer/password", Json(new { password = "short" }), Bad, "12 characters"),
            C("POST /api/v1/users/{userName}/password", "missing role", planner, "/api/v1/users/viewer/password", Json(new { password = "a long enough password" }), Role, "Admin"),
        ], realChange);
    }

    private static Dictionary<string, object?> Budget(object? amount = null, string? periodEnd = null, string? name = "Walk budget") => new()
    {
        ["name"] = name, ["costCenter"] = "CC-TRADE", ["eventName"] = null, ["amount"] = amount ?? 1000m,
        ["periodStart"] = "2027-01-01T00:00:00Z", ["periodEnd"] = periodEnd ?? "2027-02-01T00:00:00Z",
    };

    private static Dictionary<string, object?> Service(string id = "walk-cache", string tier = "HotCache", string[]? zones = null) => new()
    {
        ["id"] = id, ["name"] = "Walk cache", ["ownerTeam"] = "trade", ["costCenter"] = "CC-TRADE", ["tier"] = tier,
        ["cloudAllowed"] = false, ["allowedInternalZoneIds"] = zones ?? [],
    };

    private static Dictionary<string, object?> User(string userName = "walker", string password = "walker-password-1", string role = "Viewer") => new()
    {
        ["userName"] = userName, ["displayName"] = "Walker", ["team"] = null, ["roles"] = new[] { role }, ["password"] = password,
    };

    private static Dictionary<string, object?> Without(Dictionary<string, object?> body, string field)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(field);
        return copy;
    }

    private static Func<HttpContent> Json(object body) => () => JsonContent.Create(body);

    /// <summary>JSON with a Content-Type header as given, charset included.</summary>
    private static Func<HttpContent> Typed(object body, string contentType) => () =>
    {
        var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    };

    private static Func<HttpContent> Raw(string text, string mediaType = "application/json") =>
        () => new StringContent(text, Encoding.UTF8, mediaType);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CapacityConsole.Web.EndToEnd.TwoInstances;

/// <summary>
/// HTTP as a browser does it, against one instance or the other: the sign-in form with its
/// antiforgery token, then the cookie. The cookie container is shared across instances on purpose —
/// that is what a browser behind a load balancer sends to whichever instance it reaches.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public ConsoleClient() =>
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The sign-in page's antiforgery token (its cookie lands in the container).</summary>
    public async Task<string> GetSignInTokenAsync(Uri instance) =>
        TokenPattern().Match(await _http.GetStringAsync(new Uri(instance, "/signin"))).Groups[1].Value;

    public Task<HttpResponseMessage> PostSignInAsync(Uri instance, string token, string userName, string password) =>
        _http.PostAsync(new Uri(instance, "/signin"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));

    public async Task SignInAsync(Uri instance, string userName, string password)
    {
        var response = await PostSignInAsync(instance, await GetSignInTokenAsync(instance), userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} on {instance} answered {(int)response.StatusCode}.");
    }

    /// <summary>The Cookie header a browser would send (for the SignalR client).</summary>
    public string CookieHeader(Uri instance) => _cookies.GetCookieHeader(instance);

    public Task<HttpResponseMessage> GetAsync(Uri instance, string path) => _http.GetAsync(new Uri(instance, path));

    public async Task<JsonElement> GetJsonAsync(Uri instance, string path) => await OkAsync(await GetAsync(instance, path));

    public Task<JsonElement> PostJsonAsync(Uri instance, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendJsonAsync(HttpMethod.Post, instance, path, body, expected);

    public Task<JsonElement> PutJsonAsync(Uri instance, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendJsonAsync(HttpMethod.Put, instance, path, body, expected);

    /// <summary>A change as the console's own script sends it: the cookie plus the antiforgery token in X-XSRF-TOKEN.</summary>
    private async Task<JsonElement> SendJsonAsync(HttpMethod method, Uri instance, string path, object? body, HttpStatusCode expected)
    {
        var antiforgery = await GetJsonAsync(instance, "/auth/antiforgery");
        using var request = new HttpRequestMessage(method, new Uri(instance, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-XSRF-TOKEN", antiforgery.GetProperty("token").GetString());
        return await OkAsync(await _http.SendAsync(request), expected);
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

using System.Text.Json;
using CapacityConsole.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Web.Auth.Oidc;

/// <summary>
/// Asks the identity provider for its discovery document while the host starts, so a mistyped
/// authority stops the start with one line instead of failing the first person who signs in.
/// </summary>
internal sealed class OidcDiscoveryCheck(IOptions<OidcOptions> options, IHttpClientFactory http) : IHostedLifecycleService
{
    /// <summary>Generous: an identity provider that is up but busy must not stop the start; a wrong host fails at once anyway.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task StartingAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        var discovery = new Uri(o.Authority!.ToString().TrimEnd('/') + "/.well-known/openid-configuration");
        string problem;
        try
        {
            using var client = http.CreateClient(nameof(OidcDiscoveryCheck));
            client.Timeout = Patience;
            using var response = await client.GetAsync(discovery, ct);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                if (json.RootElement.TryGetProperty("authorization_endpoint", out _) && json.RootElement.TryGetProperty("token_endpoint", out _))
                    return;
                problem = "the document names no authorization or token endpoint";
            }
            else problem = $"it answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            problem = e is TaskCanceledException ? $"no answer within {Patience.TotalSeconds:0} seconds" : e.Message;
        }
        throw new StartupException(
            $"{OidcOptions.SectionName}:Authority '{o.Authority}' does not answer OpenID Connect discovery at {discovery} ({problem}).");
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}

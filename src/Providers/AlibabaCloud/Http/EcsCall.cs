using CapacityConsole.Providers.AlibabaCloud.Models;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>
/// The unsigned call, carried on the HttpRequestMessage so the signing handler (inside the retry
/// handler) can sign every attempt afresh: a retry needs a new nonce and timestamp (spec §3.6).
/// </summary>
internal sealed record EcsCall(string Action, string? Region, EcsParameters Parameters, bool Retryable)
{
    public static readonly HttpRequestOptionsKey<EcsCall> Key = new("CapacityConsole.EcsCall");

    public static EcsCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;
}

using System.Text.Json;
using CapacityConsole.Providers.AlibabaCloud.Http;
using CapacityConsole.Providers.AlibabaCloud.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>
/// Hand-written ECS OpenAPI client (version 2014-05-26). Method and model names mirror the official
/// SDK (AlibabaCloud.SDK.Ecs20140526) so it can replace this class later. Signing, retries and the
/// client-side rate limit live in the HttpClient pipeline (see DependencyInjection).
/// Errors: <see cref="EcsException"/> for ECS answers, <see cref="EcsValidationException"/> before
/// sending, HttpRequestException / Polly TimeoutRejectedException for transport failures.
/// </summary>
public sealed partial class EcsClient(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<EcsClientOptions> options,
    ILogger<EcsClient> logger)
{
    public const string HttpClientName = "CapacityConsole.AlibabaCloud.Ecs";

    public Task<DescribeRegionsResponse> DescribeRegionsAsync(DescribeRegionsRequest request, CancellationToken ct = default) =>
        CallAsync<DescribeRegionsResponse, DescribeRegionsResponseBody>(request, ct);

    public Task<DescribeZonesResponse> DescribeZonesAsync(DescribeZonesRequest request, CancellationToken ct = default) =>
        CallAsync<DescribeZonesResponse, DescribeZonesResponseBody>(request, ct);

    public Task<DescribeAvailableResourceResponse> DescribeAvailableResourceAsync(DescribeAvailableResourceRequest request, CancellationToken ct = default) =>
        CallAsync<DescribeAvailableResourceResponse, DescribeAvailableResourceResponseBody>(request, ct);

    public Task<DescribeInstanceTypesResponse> DescribeInstanceTypesAsync(DescribeInstanceTypesRequest request, CancellationToken ct = default) =>
        CallAsync<DescribeInstanceTypesResponse, DescribeInstanceTypesResponseBody>(request, ct);

    public Task<DescribePriceResponse> DescribePriceAsync(DescribePriceRequest request, CancellationToken ct = default) =>
        CallAsync<DescribePriceResponse, DescribePriceResponseBody>(request, ct);

    public Task<RunInstancesResponse> RunInstancesAsync(RunInstancesRequest request, CancellationToken ct = default) =>
        CallAsync<RunInstancesResponse, RunInstancesResponseBody>(request, ct);

    public Task<DescribeInstancesResponse> DescribeInstancesAsync(DescribeInstancesRequest request, CancellationToken ct = default) =>
        CallAsync<DescribeInstancesResponse, DescribeInstancesResponseBody>(request, ct);

    public Task<DescribeInstanceStatusResponse> DescribeInstanceStatusAsync(DescribeInstanceStatusRequest request, CancellationToken ct = default) =>
        CallAsync<DescribeInstanceStatusResponse, DescribeInstanceStatusResponseBody>(request, ct);

    public Task<DeleteInstancesResponse> DeleteInstancesAsync(DeleteInstancesRequest request, CancellationToken ct = default) =>
        CallAsync<DeleteInstancesResponse, DeleteInstancesResponseBody>(request, ct);

    private async Task<TResponse> CallAsync<TResponse, TBody>(IEcsRequest request, CancellationToken ct)
        where TResponse : EcsResponse<TBody>, new()
    {
        request.Validate();
        var call = new EcsCall(request.Action, request.Region, request.ToParameters(), request.Retryable);
        using var message = new HttpRequestMessage(HttpMethod.Post, EcsEndpoint.For(options.CurrentValue, call.Region));
        message.Options.Set(EcsCall.Key, call);
        message.Headers.Accept.ParseAdd("application/json");

        using var http = httpClientFactory.CreateClient(HttpClientName);
        using var response = await http.SendAsync(message, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            var error = EcsErrorBody.Parse(status, text);
            LogFailed(call.Action, call.Region, status, error.Code!, error.RequestId);
            throw new EcsException(error.Code!, status, error.RequestId, Redact(error.Message ?? ""));
        }
        LogSucceeded(call.Action, call.Region, status);
        return new TResponse
        {
            StatusCode = status,
            Headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)),
            Body = JsonSerializer.Deserialize<TBody>(text, EcsJson.Options),
        };
    }

    /// <summary>
    /// SignatureDoesNotMatch echoes the server's string-to-sign, which for V1 + STS contains the
    /// security token. Nothing secret may reach an exception message, so both secrets are masked.
    /// </summary>
    private string Redact(string text)
    {
        var o = options.CurrentValue;
        foreach (var secret in new[] { o.AccessKeySecret, o.SecurityToken })
        {
            if (string.IsNullOrEmpty(secret)) continue;
            text = text.Replace(secret, "***", StringComparison.Ordinal)
                .Replace(Uri.EscapeDataString(secret), "***", StringComparison.Ordinal)
                .Replace(Uri.EscapeDataString(Uri.EscapeDataString(secret)), "***", StringComparison.Ordinal);
        }
        return text;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ECS {Action} in {Region} answered {Status}")]
    private partial void LogSucceeded(string action, string? region, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "ECS {Action} in {Region} failed: {Status} {Code} (request {RequestId})")]
    private partial void LogFailed(string action, string? region, int status, string code, string? requestId);
}

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>
/// An error answered by ECS, shaped like the SDK's TeaException (Code, StatusCode, RequestId). The
/// message never carries credentials: the client redacts them before building it.
/// </summary>
public sealed class EcsException(string code, int statusCode, string? requestId, string serverMessage)
    : Exception($"code: {statusCode}, {serverMessage} request id: {requestId}")
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;
    public string? RequestId { get; } = requestId;

    /// <summary>Throttling is detected by code prefix: ECS answers 400, 403 or 429 for it (spec §4).</summary>
    public bool IsThrottling => Code.StartsWith("Throttling", StringComparison.Ordinal);
}

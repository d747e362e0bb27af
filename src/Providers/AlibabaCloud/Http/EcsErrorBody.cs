using System.Text.Json;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>The documented error envelope {RequestId, HostId, Code, Message, Recommend} (spec §4).</summary>
internal sealed class EcsErrorBody
{
    public string? RequestId { get; set; }
    public string? HostId { get; set; }
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Recommend { get; set; }

    public static EcsErrorBody Parse(int status, string text)
    {
        try
        {
            var body = JsonSerializer.Deserialize<EcsErrorBody>(text, EcsJson.Options);
            if (body?.Code is not null) return body;
        }
        catch (JsonException)
        {
            // A gateway or proxy may answer HTML; fall through to a code derived from the status.
        }
        return new EcsErrorBody { Code = status >= 500 ? "InternalError" : "UnknownError", Message = $"HTTP {status} without an ECS error body." };
    }

    /// <summary>Reads the code without consuming the content for the caller (buffers it first).</summary>
    public static async Task<string?> PeekCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await response.Content.LoadIntoBufferAsync(ct);
        return Parse((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)).Code;
    }
}

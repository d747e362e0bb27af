using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CapacityConsole.EcsEmulator.Protocol;

/// <summary>The ECS envelope: RequestId on every answer; errors as {RequestId, HostId, Code, Message, Recommend} (spec §4).</summary>
internal static class ResponseWriter
{
    // ECS answers readable UTF-8 ("&" and Chinese region names unescaped), not \uXXXX escapes.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext ctx, string requestId, JsonObject body)
    {
        body["RequestId"] = requestId;
        return Write(ctx, 200, body);
    }

    public static Task WriteErrorAsync(HttpContext ctx, string requestId, EcsError error)
    {
        foreach (var (name, value) in error.Headers) ctx.Response.Headers[name] = value;
        return Write(ctx, error.Status, new JsonObject
        {
            ["RequestId"] = requestId,
            ["HostId"] = ctx.Request.Host.Value,
            ["Code"] = error.Code,
            ["Message"] = error.Message,
            ["Recommend"] = $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(error.Code)}&product=Ecs&requestId={requestId}",
        });
    }

    private static Task Write(HttpContext ctx, int status, JsonObject body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json;charset=utf-8";
        return ctx.Response.WriteAsync(body.ToJsonString(Json), ctx.RequestAborted);
    }
}

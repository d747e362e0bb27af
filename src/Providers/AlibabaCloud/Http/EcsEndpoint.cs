namespace CapacityConsole.Providers.AlibabaCloud.Http;

/// <summary>Endpoint resolution in the SDK's order: configured endpoint, else the generic regional rule (spec §1).</summary>
internal static class EcsEndpoint
{
    public static Uri For(EcsClientOptions options, string? regionId) =>
        options.Endpoint ?? new Uri(regionId is null ? "https://ecs.aliyuncs.com/" : $"https://ecs.{regionId}.aliyuncs.com/");
}

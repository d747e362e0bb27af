using System.Text.Json;
using System.Text.Json.Nodes;

namespace CapacityConsole.EcsEmulator.Actions;

internal static class EcsJson
{
    /// <summary>PascalCase exactly as written: ECS field names are the C# property names.</summary>
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = null };

    public static JsonObject From(object value) => JsonSerializer.SerializeToNode(value, Options)!.AsObject();
}

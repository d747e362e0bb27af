using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacityConsole.Providers.AlibabaCloud.Http;

internal static class EcsJson
{
    /// <summary>Lenient numbers: doc samples send "TradePrice":"0.165" while the SDK type is float (spec §1).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

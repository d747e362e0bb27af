using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacityConsole.Scheduler.Live;

/// <summary>
/// The envelope an update travels in between instances: who sent it (so the sender skips its own
/// echo) and either the update itself or, when it is too large for a NOTIFY payload, the id of the
/// row that holds it.
/// </summary>
public sealed record LiveEnvelope(Guid Origin, LiveUpdate? Update, Guid? PayloadId);

public static class LiveUpdateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(LiveEnvelope envelope) => JsonSerializer.Serialize(envelope, Options);

    public static string Serialize(LiveUpdate update) => JsonSerializer.Serialize(update, Options);

    public static LiveEnvelope? DeserializeEnvelope(string json) => JsonSerializer.Deserialize<LiveEnvelope>(json, Options);

    public static LiveUpdate? DeserializeUpdate(string json) => JsonSerializer.Deserialize<LiveUpdate>(json, Options);
}

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>A request the client refuses to send; <see cref="ArgumentException.ParamName"/> is the wire field (e.g. Tag.3.Key).</summary>
public sealed class EcsValidationException(string field, string message) : ArgumentException(message, field);

namespace CapacityConsole.Live.Benchmarks;

// Only what the benchmark reads from the live messages (the rest of each payload is skipped). Public
// top-level types: MessagePack builds its formatters for public types only.

/// <summary>Any live message: its server timestamp.</summary>
public sealed record Stamped(DateTimeOffset At);

/// <summary>A zone-health message: which change it was (the reason) and when.</summary>
public sealed record ZoneStamped(string InternalZoneId, string? Reason, DateTimeOffset At);

using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.Signing;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>
/// ClientToken idempotency (spec §8.4): same token and same parameters → the stored answer again;
/// same token, other parameters → IdempotentParameterMismatch. Only successes are remembered, so a
/// call that failed (e.g. NoStock) may be retried with its token.
/// </summary>
internal static class ClientTokens
{
    // Fields that differ on every attempt by design; they must not make a retry look different.
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "Signature", "SignatureNonce", "SignatureMethod", "SignatureVersion", "Timestamp",
        "AccessKeyId", "SecurityToken", "Format", "Version", "ClientToken",
    };

    public static string? Validate(EcsRequest r)
    {
        var token = r.Get("ClientToken");
        if (token is { Length: > 64 } || token?.Any(c => c > 127) == true)
            throw EcsError.Invalid("ClientToken", "at most 64 ASCII characters.");
        return token;
    }

    public static JsonObject? Replay(EmulatorState state, EcsRequest r, string? token)
    {
        if (token is null || !state.ClientTokens.TryGetValue(Key(r, token), out var record)) return null;
        if (record.Fingerprint != Fingerprint(r))
            throw new EcsError(400, "IdempotentParameterMismatch", "The specified parameter ClientToken was used with different parameters.");
        return JsonNode.Parse(record.ResponseJson)!.AsObject();
    }

    public static void Remember(EmulatorState state, EcsRequest r, string? token, JsonObject response)
    {
        if (token is not null)
            state.ClientTokens[Key(r, token)] = new ClientTokenRecord { Fingerprint = Fingerprint(r), ResponseJson = response.ToJsonString() };
    }

    // Tokens are unique per account, not per AccessKey (spec §8.4), and the emulator is one account: a
    // retry signed with a rotated key pair (the embedded default makes one per run) still replays.
    private static string Key(EcsRequest r, string token) => $"{r.Action}|{token}";

    private static string Fingerprint(EcsRequest r) =>
        PercentEncoding.Sha256Hex(PercentEncoding.Canonical(r.Parameters.Where(p => !Volatile.Contains(p.Key))));
}

using System.Text.Json;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>A state file the emulator must not start from (corrupt, or from a newer emulator); it is left untouched.</summary>
public sealed class StateFileException(string message) : Exception(message);

/// <summary>Saves and loads <see cref="EmulatorState"/> as JSON; writes go to a temp file first so a crash never leaves half a file.</summary>
internal static class StateFile
{
    public const int CurrentVersion = 1;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Serialize(EmulatorStore store) => store.Use((state, _) => JsonSerializer.Serialize(state, Json));

    public static Task SaveAsync(EmulatorStore store, string path, CancellationToken ct) => WriteAsync(Serialize(store), path, ct);

    public static async Task WriteAsync(string json, string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // A temp file of its own per write: the periodic save and the save at shutdown may overlap.
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, json, ct);
        File.Move(temp, full, overwrite: true);
    }

    public static async Task LoadAsync(EmulatorStore store, string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        EmulatorState? state;
        try
        {
            await using var stream = File.OpenRead(full);
            state = await JsonSerializer.DeserializeAsync<EmulatorState>(stream, Json, ct);
        }
        catch (JsonException e)
        {
            throw new StateFileException(
                $"ECS emulator state file '{full}' is corrupt ({e.Message.Split('.')[0]}); it was left untouched — repair or remove it, then start again.");
        }
        if (state is null)
            throw new StateFileException($"ECS emulator state file '{full}' holds no state; it was left untouched — remove it, then start again.");
        if (state.Version > CurrentVersion)
            throw new StateFileException(
                $"ECS emulator state file '{full}' was written by a newer emulator (state version {state.Version}; this one reads {CurrentVersion}); it was left untouched.");
        if (state.Version < 1)
            throw new StateFileException($"ECS emulator state file '{full}' has no valid version ({state.Version}); it was left untouched.");
        // Re-create the dictionaries with ordinal comparers: the deserialiser builds default ones.
        var loaded = new EmulatorState
        {
            Instances = new(state.Instances ?? [], StringComparer.Ordinal),
            Stock = new(state.Stock ?? [], StringComparer.Ordinal),
            ClientTokens = new(state.ClientTokens ?? [], StringComparer.Ordinal),
        };
        loaded.RebuildIndexes();
        store.Replace(loaded);
    }
}

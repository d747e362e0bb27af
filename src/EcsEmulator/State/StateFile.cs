using System.Text.Json;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>Saves and loads <see cref="EmulatorState"/> as JSON; writes go to a temp file first so a crash never leaves half a file.</summary>
internal static class StateFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task SaveAsync(EmulatorStore store, string path, CancellationToken ct)
    {
        var json = store.Use((state, _) => JsonSerializer.Serialize(state, Json));
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        await File.WriteAllTextAsync(temp, json, ct);
        File.Move(temp, full, overwrite: true);
    }

    public static async Task LoadAsync(EmulatorStore store, string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var state = await JsonSerializer.DeserializeAsync<EmulatorState>(stream, Json, ct)
            ?? throw new InvalidDataException($"'{path}' holds no emulator state.");
        if (state.Version != 1) throw new InvalidDataException($"'{path}' has state version {state.Version}; this emulator reads version 1.");
        // Re-create the dictionaries with ordinal comparers: the deserialiser builds default ones.
        var loaded = new EmulatorState
        {
            Instances = new(state.Instances, StringComparer.Ordinal),
            Stock = new(state.Stock, StringComparer.Ordinal),
            ClientTokens = new(state.ClientTokens, StringComparer.Ordinal),
        };
        loaded.RebuildIndexes();
        store.Replace(loaded);
    }
}

using CapacityConsole.EcsEmulator.Options;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.State;

/// <summary>One seeded source for ids and fault dice, so a configured seed reproduces a run.</summary>
internal sealed class EmulatorRandom(IOptions<EcsEmulatorOptions> options)
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public Random Dice { get; } = options.Value.RandomSeed is { } seed ? new Random(seed) : new Random();

    /// <summary>ECS-looking instance id: "i-" + 20 lowercase alphanumerics.</summary>
    public string InstanceId()
    {
        lock (Dice) return "i-" + new string(Enumerable.Range(0, 20).Select(_ => Alphabet[Dice.Next(Alphabet.Length)]).ToArray());
    }
}

using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.ProviderPort;

/// <summary>
/// The provider adapter for each kind. The last registration of a kind wins, as everywhere in
/// dependency injection, so a decorator (metrics, fault injection) registered later replaces the bare adapter.
/// </summary>
public sealed class ProviderRegistry(IEnumerable<ICapacityProvider> providers)
{
    private readonly Dictionary<ProviderKind, ICapacityProvider> _byKind =
        providers.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Last());

    public IReadOnlyCollection<ProviderKind> Kinds => _byKind.Keys;

    public bool TryGet(ProviderKind kind, out ICapacityProvider provider) => _byKind.TryGetValue(kind, out provider!);

    public ICapacityProvider For(ProviderKind kind) =>
        _byKind.TryGetValue(kind, out var provider)
            ? provider
            : throw new ProviderUnavailableException($"No {kind} provider is configured in this console.");
}

namespace CapacityConsole.Providers;
/// <summary>Adapters behind Scheduler.Core's provider port live in this project.</summary>
internal static class ProvidersAssembly { }

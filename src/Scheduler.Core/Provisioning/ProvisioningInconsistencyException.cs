namespace CapacityConsole.Scheduler.Provisioning;

/// <summary>
/// The executor's tables disagree with each other (a batch names an offering no plan of its request
/// holds, an order points at no plan). Not a provider fault and not bad input: it is reported with
/// what was found, instead of LINQ's "Sequence contains no matching element".
/// </summary>
public sealed class ProvisioningInconsistencyException(string message) : ConflictException(message);

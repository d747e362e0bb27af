namespace CapacityConsole.Scheduler.Storage;

/// <summary>A setting or the machine is wrong in a way the operator must fix; the message says what and where.</summary>
public sealed class StartupException(string message) : Exception(message);

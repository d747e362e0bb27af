namespace CapacityConsole.EcsEmulator.Protocol;

/// <summary>An error answer in ECS's envelope; thrown anywhere in the pipeline before state changes.</summary>
internal sealed class EcsError(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    /// <summary>Extra headers, e.g. x-acs-retry-after on Throttling.</summary>
    public Dictionary<string, string> Headers { get; } = [];

    public static EcsError Missing(string name) => new(400, "MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static EcsError Invalid(string name, string why) => new(400, "InvalidParameter", $"The specified parameter \"{name}\" is not valid: {why}");
}

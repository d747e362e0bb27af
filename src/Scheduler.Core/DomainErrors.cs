namespace CapacityConsole.Scheduler;

/// <summary>
/// The small closed set of failures the domain reports. The web layer maps each kind to one HTTP
/// status (not found 404, validation 400, conflict 409, forbidden 403, provider unavailable 503);
/// anything else is a bug and surfaces as 500.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

public sealed class NotFoundException(string entity, string id)
    : DomainException($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
    public string Id { get; } = id;
}

/// <summary>Bad input: one or more fields are wrong. Nothing was changed.</summary>
public sealed class DomainValidationException : DomainException
{
    public DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
        => Errors = errors;

    public DomainValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>The object is in a state where the operation is not allowed, or it would break an invariant.</summary>
public class ConflictException(string message) : DomainException(message);

public sealed class IllegalTransitionException(string entity, string state, string action)
    : ConflictException($"{entity} is {state}; the action '{action}' is not allowed in that state.")
{
    public string State { get; } = state;
    public string Action { get; } = action;
}

public sealed class ForbiddenException(string message) : DomainException(message);

public sealed class ProviderUnavailableException(string message) : DomainException(message);

namespace CapacityConsole.Scheduler;

/// <summary>
/// A transition table: (from state, action) → to state. Lifecycles are data so that the tests can
/// walk every legal and illegal pair, and so that the UI can ask which actions are open.
/// </summary>
public sealed class StateMachine<TState, TAction>(string entity, IEnumerable<(TState From, TAction Action, TState To)> transitions)
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private readonly Dictionary<(TState, TAction), TState> _table =
        transitions.ToDictionary(t => (t.From, t.Action), t => t.To);

    public TState Next(TState from, TAction action) =>
        _table.TryGetValue((from, action), out var to)
            ? to
            : throw new IllegalTransitionException(entity, from.ToString(), action.ToString());

    public bool Allows(TState from, TAction action) => _table.ContainsKey((from, action));

    public IEnumerable<TAction> ActionsFrom(TState from) =>
        _table.Keys.Where(k => EqualityComparer<TState>.Default.Equals(k.Item1, from)).Select(k => k.Item2);
}

namespace CapacityConsole.Scheduler.Planning;

/// <summary>
/// The planner as its callers see it: a first plan and a re-plan. <see cref="Planner"/> is the one
/// implementation; the seam exists so instruments (planner duration) wrap it as a decorator
/// instead of being sprinkled inside the planner (issue 11).
/// </summary>
public interface IPlanner
{
    Plan Plan(PlanningInput input);

    Replan Replan(ReplanInput input);
}

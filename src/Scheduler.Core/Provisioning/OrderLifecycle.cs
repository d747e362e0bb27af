namespace CapacityConsole.Scheduler.Provisioning;

public enum ProvisioningOrderState { Running, Completed, Failed }

public enum OrderAction { Revise, Complete, Fail }

/// <summary>
/// Running → Completed when the request turns Active, Running → Failed when the pre-warm gives up.
/// A revision (stock-out re-plan, replacement of vanished units, failover) points the order at a new
/// plan and adds batches without changing its state: an Active request's order stays Completed.
/// </summary>
public static class OrderLifecycle
{
    public static readonly StateMachine<ProvisioningOrderState, OrderAction> Machine = new("Provisioning order",
    [
        (ProvisioningOrderState.Running, OrderAction.Revise, ProvisioningOrderState.Running),
        (ProvisioningOrderState.Completed, OrderAction.Revise, ProvisioningOrderState.Completed),
        (ProvisioningOrderState.Running, OrderAction.Complete, ProvisioningOrderState.Completed),
        (ProvisioningOrderState.Running, OrderAction.Fail, ProvisioningOrderState.Failed),
    ]);
}

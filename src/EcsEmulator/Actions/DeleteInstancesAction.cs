using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>DeleteInstances (spec §3.9, §8.8): all ids or none; unknown ids → 404; Force needed unless Stopped.</summary>
internal sealed class DeleteInstancesAction(EmulatorCatalog catalog, EmulatorStore store, IOptions<EcsEmulatorOptions> options) : IEcsAction
{
    public string Name => "DeleteInstances";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        var ids = r.List("InstanceId", 100);
        if (ids.Count == 0) throw EcsError.Missing("InstanceId.1");
        var force = r.Bool("Force");
        var dryRun = r.Bool("DryRun");
        var token = ClientTokens.Validate(r);

        return store.Use((state, now) =>
        {
            if (ClientTokens.Replay(state, r, token) is { } replay) return replay;
            var missing = ids.FirstOrDefault(id => !state.Instances.TryGetValue(id, out var i) || i.RegionId != region.RegionId);
            if (missing is not null)
                throw new EcsError(404, "InvalidInstanceId.NotFound", $"The specified InstanceId '{missing}' does not exist.");
            var instances = ids.Distinct().Select(id => state.Instances[id]).ToList();
            // Nothing here stops instances, so without Force every live instance is in the wrong state.
            if (!force && instances.Any(i => i.StatusAt(now, options.Value.BootDelay) != "Stopped"))
                throw new EcsError(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation; use Force=true.");
            if (dryRun) throw new EcsError(400, "DRYRUN.SUCCESS", "This request is a dryrun request with successful result.");
            foreach (var instance in instances) EmulatorStore.Release(state, instance);
            var response = new JsonObject();
            ClientTokens.Remember(state, r, token, response);
            return response;
        });
    }
}

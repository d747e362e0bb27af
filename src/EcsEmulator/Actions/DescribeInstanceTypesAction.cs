using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>DescribeInstanceTypes (spec §3.4): global specs of every type sold somewhere; no RegionId.</summary>
internal sealed class DescribeInstanceTypesAction(EmulatorCatalog catalog) : IEcsAction
{
    public string Name => "DescribeInstanceTypes";

    public JsonObject Execute(EcsRequest r)
    {
        var only = r.List("InstanceTypes", 10);
        var family = r.Get("InstanceTypeFamily");
        r.Int("MaxResults", 1600, 1, 1600);
        var types = catalog.InstanceTypes()
            .Where(o => only.Count == 0 || only.Contains(o.InstanceType))
            .Where(o => family is null || o.FamilyName == family)
            .Select(o => new
            {
                InstanceTypeId = o.InstanceType,
                InstanceTypeFamily = o.FamilyName,
                CpuCoreCount = o.Cores,
                MemorySize = o.MemoryGiB,
                CpuArchitecture = "X86",
                GPUAmount = 0,
            }).ToList();
        return EcsJson.From(new { NextToken = "", InstanceTypes = new { InstanceType = types } });
    }
}

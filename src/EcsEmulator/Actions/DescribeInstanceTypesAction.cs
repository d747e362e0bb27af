using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>
/// DescribeInstanceTypes (spec §3.4): global specs of every type sold somewhere; no RegionId. Honours
/// the type, family, vCPU, memory and architecture filters and pages with MaxResults/NextToken as an
/// official SDK client expects: types in ordinal id order, NextToken the last id of the page (empty on
/// the last page), so a page never shifts while types are added.
/// </summary>
internal sealed class DescribeInstanceTypesAction(EmulatorCatalog catalog) : IEcsAction
{
    private static readonly string[] Architectures = ["X86", "ARM"];

    public string Name => "DescribeInstanceTypes";

    public JsonObject Execute(EcsRequest r)
    {
        var only = r.List("InstanceTypes", 10);
        var family = r.Get("InstanceTypeFamily");
        var minCpu = r.Get("MinimumCpuCoreCount") is null ? (int?)null : r.Int("MinimumCpuCoreCount", 0, 0, 4096);
        var maxCpu = r.Get("MaximumCpuCoreCount") is null ? (int?)null : r.Int("MaximumCpuCoreCount", 0, 0, 4096);
        var minMemory = r.Number("MinimumMemorySize");
        var maxMemory = r.Number("MaximumMemorySize");
        var architecture = r.Get("CpuArchitecture");
        if (architecture is not null && !Architectures.Contains(architecture, StringComparer.Ordinal))
            throw EcsError.Invalid("CpuArchitecture", "must be X86 or ARM.");
        if (minCpu > maxCpu) throw EcsError.Invalid("MinimumCpuCoreCount", "must not exceed MaximumCpuCoreCount.");
        if (minMemory > maxMemory) throw EcsError.Invalid("MinimumMemorySize", "must not exceed MaximumMemorySize.");
        var pageSize = r.Int("MaxResults", 1600, 1, 1600);
        var after = r.Get("NextToken") is { Length: > 0 } token ? token : null;

        var matching = catalog.InstanceTypes()
            .Where(o => only.Count == 0 || only.Contains(o.InstanceType))
            .Where(o => family is null || o.FamilyName == family)
            .Where(o => (minCpu is null || o.Cores >= minCpu) && (maxCpu is null || o.Cores <= maxCpu))
            .Where(o => (minMemory is null || o.MemoryGiB >= minMemory) && (maxMemory is null || o.MemoryGiB <= maxMemory))
            .Where(o => architecture is null || o.CpuArchitecture == architecture)
            .OrderBy(o => o.InstanceType, StringComparer.Ordinal)
            .Where(o => after is null || string.CompareOrdinal(o.InstanceType, after) > 0)
            .Take(pageSize + 1)
            .ToList();
        var page = matching.Take(pageSize).ToList();
        var next = matching.Count > pageSize ? page[^1].InstanceType : "";
        var types = page.Select(o => new
        {
            InstanceTypeId = o.InstanceType,
            InstanceTypeFamily = o.FamilyName,
            CpuCoreCount = o.Cores,
            MemorySize = o.MemoryGiB,
            CpuArchitecture = o.CpuArchitecture,
            GPUAmount = 0,
        }).ToList();
        return EcsJson.From(new { NextToken = next, InstanceTypes = new { InstanceType = types } });
    }
}

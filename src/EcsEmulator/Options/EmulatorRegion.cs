using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.EcsEmulator.Options;

public sealed class EmulatorRegion
{
    [Required] public string RegionId { get; set; } = "";
    public string? LocalName { get; set; }
    public List<EmulatorZone> Zones { get; set; } = [];
}

public sealed class EmulatorZone
{
    [Required] public string ZoneId { get; set; } = "";
    public List<EmulatorOffering> Offerings { get; set; } = [];
}

/// <summary>One instance type sold in one zone, with its integer stock (ECS shows only a category).</summary>
public sealed class EmulatorOffering
{
    [Required] public string InstanceType { get; set; } = "";
    /// <summary>Defaults to the type name without its size: ecs.c7.large → ecs.c7.</summary>
    public string? Family { get; set; }
    [Range(1, 1024)] public int Cores { get; set; } = 2;
    [Range(0.5, 16384)] public double MemoryGiB { get; set; } = 4;
    /// <summary>X86 or ARM (spec §3.4 CpuArchitecture); ARM families are the "y" ones, e.g. ecs.g8y.</summary>
    [RegularExpression("^(X86|ARM)$", ErrorMessage = "CpuArchitecture is X86 or ARM.")] public string CpuArchitecture { get; set; } = "X86";
    [Range(0, int.MaxValue)] public int Stock { get; set; }
    /// <summary>CNY per hour; null makes DescribePrice fail for this type (an unknown price).</summary>
    public decimal? PricePerHour { get; set; }

    public string FamilyName => Family ?? (InstanceType.LastIndexOf('.') is > 0 and var cut ? InstanceType[..cut] : InstanceType);
}

namespace CapacityConsole.Providers.AlibabaCloud.Models;

/// <summary>No RegionId: instance type specifications are global.</summary>
public sealed class DescribeInstanceTypesRequest : IEcsRequest
{
    /// <summary>At most 10 per call.</summary>
    public List<string>? InstanceTypes { get; set; }
    public string? InstanceTypeFamily { get; set; }
    public int? MinimumCpuCoreCount { get; set; }
    public int? MaximumCpuCoreCount { get; set; }
    /// <summary>GiB.</summary>
    public float? MinimumMemorySize { get; set; }
    /// <summary>GiB.</summary>
    public float? MaximumMemorySize { get; set; }
    /// <summary>X86 or ARM.</summary>
    public string? CpuArchitecture { get; set; }
    public long? MaxResults { get; set; }
    public string? NextToken { get; set; }

    string IEcsRequest.Action => "DescribeInstanceTypes";
    string? IEcsRequest.Region => null;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .SetList("InstanceTypes", InstanceTypes).Set("InstanceTypeFamily", InstanceTypeFamily)
        .Set("MinimumCpuCoreCount", MinimumCpuCoreCount).Set("MaximumCpuCoreCount", MaximumCpuCoreCount)
        .Set("MinimumMemorySize", MinimumMemorySize?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("MaximumMemorySize", MaximumMemorySize?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("CpuArchitecture", CpuArchitecture)
        .Set("MaxResults", (int?)MaxResults).Set("NextToken", NextToken);

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Range("InstanceTypes", InstanceTypes?.Count ?? 0, 0, 10);
        if (MaxResults is { } max) EcsRequestValidator.Range("MaxResults", (int)Math.Min(max, int.MaxValue), 1, 1600);
    }
}

public sealed class DescribeInstanceTypesResponse : EcsResponse<DescribeInstanceTypesResponseBody>;

public sealed class DescribeInstanceTypesResponseBody
{
    public string? RequestId { get; set; }
    public string? NextToken { get; set; }
    public DescribeInstanceTypesResponseBodyInstanceTypes? InstanceTypes { get; set; }

    public sealed class DescribeInstanceTypesResponseBodyInstanceTypes
    {
        public List<DescribeInstanceTypesResponseBodyInstanceTypesInstanceType>? InstanceType { get; set; }
    }

    public sealed class DescribeInstanceTypesResponseBodyInstanceTypesInstanceType
    {
        public string? InstanceTypeId { get; set; }
        public string? InstanceTypeFamily { get; set; }
        public int? CpuCoreCount { get; set; }
        /// <summary>GiB.</summary>
        public float? MemorySize { get; set; }
        public string? CpuArchitecture { get; set; }
    }
}

namespace CapacityConsole.Providers.AlibabaCloud.Models;

/// <summary>No RegionId: the list of regions is global (any endpoint answers it).</summary>
public sealed class DescribeRegionsRequest : IEcsRequest
{
    public string? AcceptLanguage { get; set; }
    public string? InstanceChargeType { get; set; }

    string IEcsRequest.Action => "DescribeRegions";
    string? IEcsRequest.Region => null;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("AcceptLanguage", AcceptLanguage).Set("InstanceChargeType", InstanceChargeType);

    void IEcsRequest.Validate() { }
}

public sealed class DescribeRegionsResponse : EcsResponse<DescribeRegionsResponseBody>;

public sealed class DescribeRegionsResponseBody
{
    public string? RequestId { get; set; }
    public DescribeRegionsResponseBodyRegions? Regions { get; set; }

    public sealed class DescribeRegionsResponseBodyRegions
    {
        public List<DescribeRegionsResponseBodyRegionsRegion>? Region { get; set; }
    }

    public sealed class DescribeRegionsResponseBodyRegionsRegion
    {
        public string? RegionId { get; set; }
        public string? LocalName { get; set; }
        public string? RegionEndpoint { get; set; }
        /// <summary>available | soldOut.</summary>
        public string? Status { get; set; }
    }
}

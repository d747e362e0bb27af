namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class DescribeInstancesRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    public string? ZoneId { get; set; }
    public string? InstanceType { get; set; }
    public string? Status { get; set; }
    /// <summary>A JSON array in one string, e.g. ["i-a","i-b"] (spec §3.7).</summary>
    public string? InstanceIds { get; set; }
    public int? PageNumber { get; set; }
    public int? PageSize { get; set; }
    public string? NextToken { get; set; }
    public int? MaxResults { get; set; }
    public List<DescribeInstancesRequestTag>? Tag { get; set; }

    public sealed class DescribeInstancesRequestTag
    {
        public string? Key { get; set; }
        public string? Value { get; set; }
    }

    string IEcsRequest.Action => "DescribeInstances";
    string? IEcsRequest.Region => RegionId;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).Set("ZoneId", ZoneId).Set("InstanceType", InstanceType)
        .Set("Status", Status).Set("InstanceIds", InstanceIds)
        .Set("PageNumber", PageNumber).Set("PageSize", PageSize)
        .Set("NextToken", NextToken).Set("MaxResults", MaxResults)
        .SetTags(Tag?.Select(t => (t.Key ?? "", t.Value)).ToList());

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Region(RegionId);
        EcsRequestValidator.Zone(ZoneId, RegionId, required: false);
        if (PageSize is { } size) EcsRequestValidator.Range("PageSize", size, 1, 100);
        if (MaxResults is { } max) EcsRequestValidator.Range("MaxResults", max, 1, 100);
        if (PageNumber is { } page) EcsRequestValidator.Range("PageNumber", page, 1, int.MaxValue);
        EcsRequestValidator.Tags(Tag?.Select(t => (t.Key, t.Value)).ToList());
    }
}

public sealed class DescribeInstancesResponse : EcsResponse<DescribeInstancesResponseBody>;

public sealed class DescribeInstancesResponseBody
{
    public string? RequestId { get; set; }
    public int? TotalCount { get; set; }
    public int? PageNumber { get; set; }
    public int? PageSize { get; set; }
    /// <summary>Empty or absent on the last page.</summary>
    public string? NextToken { get; set; }
    public DescribeInstancesResponseBodyInstances? Instances { get; set; }

    public sealed class DescribeInstancesResponseBodyInstances
    {
        public List<DescribeInstancesResponseBodyInstancesInstance>? Instance { get; set; }
    }

    public sealed class DescribeInstancesResponseBodyInstancesInstance
    {
        public string? InstanceId { get; set; }
        public string? InstanceName { get; set; }
        public string? RegionId { get; set; }
        public string? ZoneId { get; set; }
        public string? InstanceType { get; set; }
        public string? InstanceTypeFamily { get; set; }
        public int? Cpu { get; set; }
        /// <summary>MiB here, unlike DescribeInstanceTypes' GiB.</summary>
        public int? Memory { get; set; }
        public string? Status { get; set; }
        /// <summary>yyyy-MM-ddTHH:mmZ (minutes only).</summary>
        public string? CreationTime { get; set; }
        public string? StartTime { get; set; }
        public string? AutoReleaseTime { get; set; }
        public string? InstanceChargeType { get; set; }
        public DescribeInstancesResponseBodyInstancesInstanceTags? Tags { get; set; }
    }

    public sealed class DescribeInstancesResponseBodyInstancesInstanceTags
    {
        public List<EcsResponseTag>? Tag { get; set; }
    }
}

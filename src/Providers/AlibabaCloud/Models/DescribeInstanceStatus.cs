namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class DescribeInstanceStatusRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    public string? ZoneId { get; set; }
    public List<string>? InstanceId { get; set; }
    public int? PageNumber { get; set; }
    /// <summary>1–50.</summary>
    public int? PageSize { get; set; }

    string IEcsRequest.Action => "DescribeInstanceStatus";
    string? IEcsRequest.Region => RegionId;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).Set("ZoneId", ZoneId).SetList("InstanceId", InstanceId)
        .Set("PageNumber", PageNumber).Set("PageSize", PageSize);

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Region(RegionId);
        EcsRequestValidator.Zone(ZoneId, RegionId, required: false);
        EcsRequestValidator.Range("InstanceId", InstanceId?.Count ?? 0, 0, 100);
        if (PageSize is { } size) EcsRequestValidator.Range("PageSize", size, 1, 50);
        if (PageNumber is { } page) EcsRequestValidator.Range("PageNumber", page, 1, int.MaxValue);
    }
}

public sealed class DescribeInstanceStatusResponse : EcsResponse<DescribeInstanceStatusResponseBody>;

public sealed class DescribeInstanceStatusResponseBody
{
    public string? RequestId { get; set; }
    public int? TotalCount { get; set; }
    public int? PageNumber { get; set; }
    public int? PageSize { get; set; }
    public DescribeInstanceStatusResponseBodyInstanceStatuses? InstanceStatuses { get; set; }

    public sealed class DescribeInstanceStatusResponseBodyInstanceStatuses
    {
        public List<DescribeInstanceStatusResponseBodyInstanceStatusesInstanceStatus>? InstanceStatus { get; set; }
    }

    public sealed class DescribeInstanceStatusResponseBodyInstanceStatusesInstanceStatus
    {
        public string? InstanceId { get; set; }
        public string? Status { get; set; }
    }
}

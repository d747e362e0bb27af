namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class DescribeAvailableResourceRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    /// <summary>Zone | IoOptimized | InstanceType | ...; InstanceType answers "which types have stock".</summary>
    public string? DestinationResource { get; set; }
    public string? ZoneId { get; set; }
    public string? InstanceChargeType { get; set; }
    public string? InstanceType { get; set; }

    string IEcsRequest.Action => "DescribeAvailableResource";
    string? IEcsRequest.Region => RegionId;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).Set("DestinationResource", DestinationResource).Set("ZoneId", ZoneId)
        .Set("InstanceChargeType", InstanceChargeType).Set("InstanceType", InstanceType);

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Region(RegionId);
        EcsRequestValidator.Required("DestinationResource", DestinationResource);
        EcsRequestValidator.Zone(ZoneId, RegionId, required: false);
    }
}

public sealed class DescribeAvailableResourceResponse : EcsResponse<DescribeAvailableResourceResponseBody>;

public sealed class DescribeAvailableResourceResponseBody
{
    public string? RequestId { get; set; }
    public DescribeAvailableResourceResponseBodyAvailableZones? AvailableZones { get; set; }

    public sealed class DescribeAvailableResourceResponseBodyAvailableZones
    {
        public List<DescribeAvailableResourceResponseBodyAvailableZonesAvailableZone>? AvailableZone { get; set; }
    }

    public sealed class DescribeAvailableResourceResponseBodyAvailableZonesAvailableZone
    {
        public string? RegionId { get; set; }
        public string? ZoneId { get; set; }
        /// <summary>Available | SoldOut.</summary>
        public string? Status { get; set; }
        /// <summary>WithStock | ClosedWithStock | WithoutStock | ClosedWithoutStock.</summary>
        public string? StatusCategory { get; set; }
        public AvailableResourcesList? AvailableResources { get; set; }
    }

    public sealed class AvailableResourcesList
    {
        public List<AvailableResourceItem>? AvailableResource { get; set; }
    }

    public sealed class AvailableResourceItem
    {
        public string? Type { get; set; }
        public SupportedResourcesList? SupportedResources { get; set; }
    }

    public sealed class SupportedResourcesList
    {
        public List<SupportedResourceItem>? SupportedResource { get; set; }
    }

    public sealed class SupportedResourceItem
    {
        public string? Value { get; set; }
        public string? Status { get; set; }
        public string? StatusCategory { get; set; }
        public int? Min { get; set; }
        public int? Max { get; set; }
        public string? Unit { get; set; }
    }
}

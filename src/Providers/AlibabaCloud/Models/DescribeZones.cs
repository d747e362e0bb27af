namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class DescribeZonesRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    public string? InstanceChargeType { get; set; }
    public bool? Verbose { get; set; }

    string IEcsRequest.Action => "DescribeZones";
    string? IEcsRequest.Region => RegionId;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).Set("InstanceChargeType", InstanceChargeType).Set("Verbose", Verbose);

    void IEcsRequest.Validate() => EcsRequestValidator.Region(RegionId);
}

public sealed class DescribeZonesResponse : EcsResponse<DescribeZonesResponseBody>;

public sealed class DescribeZonesResponseBody
{
    public string? RequestId { get; set; }
    public DescribeZonesResponseBodyZones? Zones { get; set; }

    public sealed class DescribeZonesResponseBodyZones
    {
        public List<DescribeZonesResponseBodyZonesZone>? Zone { get; set; }
    }

    public sealed class DescribeZonesResponseBodyZonesZone
    {
        public string? ZoneId { get; set; }
        public string? LocalName { get; set; }
        public string? ZoneType { get; set; }
        public DescribeZonesResponseBodyZonesZoneAvailableInstanceTypes? AvailableInstanceTypes { get; set; }
    }

    public sealed class DescribeZonesResponseBodyZonesZoneAvailableInstanceTypes
    {
        public List<string>? InstanceTypes { get; set; }
    }
}

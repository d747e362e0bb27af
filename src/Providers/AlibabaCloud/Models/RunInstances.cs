namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class RunInstancesRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    public string? ZoneId { get; set; }
    public string? InstanceType { get; set; }
    public string? ImageId { get; set; }
    public string? SecurityGroupId { get; set; }
    public string? VSwitchId { get; set; }
    public string? InstanceChargeType { get; set; }
    public string? InstanceName { get; set; }
    public int? Amount { get; set; }
    public int? MinAmount { get; set; }
    public string? ClientToken { get; set; }
    public bool? DryRun { get; set; }
    /// <summary>UTC yyyy-MM-ddTHH:mm:ssZ, see <see cref="EcsTime"/>.</summary>
    public string? AutoReleaseTime { get; set; }
    public List<RunInstancesRequestTag>? Tag { get; set; }

    public sealed class RunInstancesRequestTag
    {
        public string? Key { get; set; }
        public string? Value { get; set; }
    }

    string IEcsRequest.Action => "RunInstances";
    string? IEcsRequest.Region => RegionId;
    bool IEcsRequest.Retryable => !string.IsNullOrEmpty(ClientToken);

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).Set("ZoneId", ZoneId).Set("InstanceType", InstanceType)
        .Set("ImageId", ImageId).Set("SecurityGroupId", SecurityGroupId).Set("VSwitchId", VSwitchId)
        .Set("InstanceChargeType", InstanceChargeType).Set("InstanceName", InstanceName)
        .Set("Amount", Amount).Set("MinAmount", MinAmount).Set("ClientToken", ClientToken)
        .Set("DryRun", DryRun).Set("AutoReleaseTime", AutoReleaseTime)
        .SetTags(Tag?.Select(t => (t.Key ?? "", t.Value)).ToList());

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Region(RegionId);
        EcsRequestValidator.Zone(ZoneId, RegionId, required: false);
        EcsRequestValidator.Required("InstanceType", InstanceType);
        EcsRequestValidator.Required("ImageId", ImageId);
        EcsRequestValidator.Range("Amount", Amount ?? 1, 1, 100);
        if (MinAmount is { } min) EcsRequestValidator.Range("MinAmount", min, 1, Amount ?? 1);
        EcsRequestValidator.ClientToken(ClientToken);
        EcsRequestValidator.Tags(Tag?.Select(t => (t.Key, t.Value)).ToList());
        if (AutoReleaseTime is not null) EcsRequestValidator.Time("AutoReleaseTime", AutoReleaseTime);
    }
}

public sealed class RunInstancesResponse : EcsResponse<RunInstancesResponseBody>;

public sealed class RunInstancesResponseBody
{
    public string? RequestId { get; set; }
    public RunInstancesResponseBodyInstanceIdSets? InstanceIdSets { get; set; }
    public string? OrderId { get; set; }
    public float? TradePrice { get; set; }

    public sealed class RunInstancesResponseBodyInstanceIdSets
    {
        public List<string>? InstanceIdSet { get; set; }
    }
}

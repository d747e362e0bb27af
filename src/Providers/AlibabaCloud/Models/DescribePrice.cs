namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class DescribePriceRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    public string? ResourceType { get; set; }
    public string? InstanceType { get; set; }
    /// <summary>Hour (default) | Month | Year.</summary>
    public string? PriceUnit { get; set; }
    public int? Period { get; set; }
    public int? Amount { get; set; }
    public string? ZoneId { get; set; }

    string IEcsRequest.Action => "DescribePrice";
    string? IEcsRequest.Region => RegionId;
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).Set("ResourceType", ResourceType).Set("InstanceType", InstanceType)
        .Set("PriceUnit", PriceUnit).Set("Period", Period).Set("Amount", Amount).Set("ZoneId", ZoneId);

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Region(RegionId);
        EcsRequestValidator.Required("InstanceType", InstanceType);
        EcsRequestValidator.Zone(ZoneId, RegionId, required: false);
        if (Amount is { } amount) EcsRequestValidator.Range("Amount", amount, 1, 1000);
    }
}

public sealed class DescribePriceResponse : EcsResponse<DescribePriceResponseBody>;

public sealed class DescribePriceResponseBody
{
    public string? RequestId { get; set; }
    public DescribePriceResponseBodyPriceInfo? PriceInfo { get; set; }

    public sealed class DescribePriceResponseBodyPriceInfo
    {
        public DescribePriceResponseBodyPriceInfoPrice? Price { get; set; }
    }

    public sealed class DescribePriceResponseBodyPriceInfoPrice
    {
        public float? OriginalPrice { get; set; }
        public float? DiscountPrice { get; set; }
        public float? TradePrice { get; set; }
        public string? Currency { get; set; }
        public DetailInfosList? DetailInfos { get; set; }
    }

    public sealed class DetailInfosList
    {
        public List<DetailInfo>? DetailInfo { get; set; }
    }

    public sealed class DetailInfo
    {
        public string? Resource { get; set; }
        public float? OriginalPrice { get; set; }
        public float? DiscountPrice { get; set; }
        public float? TradePrice { get; set; }
    }
}

namespace CapacityConsole.Providers.AlibabaCloud.Models;

public sealed class DeleteInstancesRequest : IEcsRequest
{
    public string? RegionId { get; set; }
    public List<string>? InstanceId { get; set; }
    /// <summary>True releases Running instances like a power cut; false needs them Stopped.</summary>
    public bool? Force { get; set; }
    public bool? DryRun { get; set; }
    public string? ClientToken { get; set; }

    string IEcsRequest.Action => "DeleteInstances";
    string? IEcsRequest.Region => RegionId;
    // Deleting is naturally idempotent (a second delete finds nothing), so retrying is safe.
    bool IEcsRequest.Retryable => true;

    EcsParameters IEcsRequest.ToParameters() => new EcsParameters()
        .Set("RegionId", RegionId).SetList("InstanceId", InstanceId)
        .Set("Force", Force).Set("DryRun", DryRun).Set("ClientToken", ClientToken);

    void IEcsRequest.Validate()
    {
        EcsRequestValidator.Region(RegionId);
        EcsRequestValidator.Range("InstanceId", InstanceId?.Count ?? 0, 1, 100);
        for (var i = 0; i < InstanceId!.Count; i++) EcsRequestValidator.Required($"InstanceId.{i + 1}", InstanceId[i]);
        EcsRequestValidator.ClientToken(ClientToken);
    }
}

public sealed class DeleteInstancesResponse : EcsResponse<DeleteInstancesResponseBody>;

public sealed class DeleteInstancesResponseBody
{
    public string? RequestId { get; set; }
}

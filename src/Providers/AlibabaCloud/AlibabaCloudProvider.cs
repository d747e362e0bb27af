using System.Security.Cryptography;
using System.Text;
using CapacityConsole.Providers.AlibabaCloud.Models;
using CapacityConsole.Scheduler.ProviderPort;
using CapacityConsole.Scheduler.Topology;
using Microsoft.Extensions.Options;

namespace CapacityConsole.Providers.AlibabaCloud;

/// <summary>
/// The provider port on top of <see cref="EcsClient"/>. Every ECS failure leaves as a typed
/// <see cref="ProviderException"/>; retries of single calls already happened inside the client.
/// </summary>
public sealed partial class AlibabaCloudProvider(EcsClient ecs, IOptionsMonitor<EcsClientOptions> options) : ICapacityProvider
{
    /// <summary>RunInstances creates at most 100 instances per call (spec §3.6).</summary>
    internal const int MaxPerCall = 100;

    public ProviderKind Kind => ProviderKind.AlibabaCloud;

    private EcsClientOptions Options => options.CurrentValue;

    private string RegionOf(string zoneId) => EcsZones.RegionOf(zoneId, Options.Regions);

    public Task<ProvisionResult> ProvisionAsync(ProvisionCommand command, CancellationToken ct) => Guard(async () =>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.Units, 1);
        var ids = new List<string>();
        for (var chunk = 0; ids.Count < command.Units; chunk++)
        {
            var amount = Math.Min(MaxPerCall, command.Units - ids.Count);
            RunInstancesResponse response;
            try
            {
                response = await ecs.RunInstancesAsync(BuildRun(command, amount, ChunkToken(command.IdempotencyKey, chunk)), ct);
            }
            catch (EcsException e) when (ids.Count > 0 && EcsErrorMapper.Classify(e) == ProviderFailure.InsufficientCapacity)
            {
                break; // earlier chunks succeeded: report a partial result rather than lose their ids
            }
            // Any other failure propagates even after earlier chunks succeeded: those instances are
            // tagged, and a retry with the same key replays their tokens and returns the same ids.
            var created = response.Body?.InstanceIdSets?.InstanceIdSet ?? [];
            ids.AddRange(created);
            if (created.Count < amount) break; // MinAmount let ECS give fewer: the zone is out of stock
        }
        return new ProvisionResult(command.Units, ids);
    }, ct);

    private RunInstancesRequest BuildRun(ProvisionCommand command, int amount, string clientToken) => new()
    {
        RegionId = RegionOf(command.MemberZoneId),
        ZoneId = command.MemberZoneId,
        InstanceType = command.InstanceType,
        ImageId = Options.ImageId,
        SecurityGroupId = Options.SecurityGroupId,
        VSwitchId = Options.VSwitchIds.GetValueOrDefault(command.MemberZoneId),
        InstanceChargeType = "PostPaid",
        Amount = amount,
        MinAmount = 1, // partial fulfilment is fine: the port reports it and the planner re-plans the rest
        ClientToken = clientToken,
        AutoReleaseTime = command.AutoReleaseAt is { } at ? EcsTime.ToWire(at) : null,
        Tag = command.Tags.Select(t => new RunInstancesRequest.RunInstancesRequestTag { Key = t.Key, Value = t.Value }).ToList(),
    };

    /// <summary>
    /// One idempotency key may need several RunInstances calls; each gets its own stable token. ECS
    /// tokens are at most 64 ASCII characters, so longer keys are hashed deterministically.
    /// </summary>
    internal static string ChunkToken(string idempotencyKey, int chunk)
    {
        var token = chunk == 0 ? idempotencyKey : $"{idempotencyKey}.{chunk}";
        if (token.Length <= 64 && token.All(char.IsAscii)) return token;
        return "cc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..58];
    }

    public Task ReleaseAsync(string memberZoneId, IReadOnlyCollection<string> resourceIds, CancellationToken ct) => Guard(async () =>
    {
        var region = RegionOf(memberZoneId);
        foreach (var chunk in resourceIds.Distinct().Chunk(MaxPerCall))
        {
            try
            {
                await DeleteAsync(region, chunk, ct);
            }
            catch (EcsException e) when (e.Code == "InvalidInstanceId.NotFound" && chunk.Length > 1)
            {
                // One unknown id fails the whole batch; retry one by one so the live ones still go.
                foreach (var id in chunk) await DeleteIgnoringNotFoundAsync(region, id, ct);
            }
        }
        return true;
    }, ct);

    private async Task DeleteIgnoringNotFoundAsync(string region, string id, CancellationToken ct)
    {
        try { await DeleteAsync(region, [id], ct); }
        catch (EcsException e) when (e.Code == "InvalidInstanceId.NotFound") { /* already gone = released */ }
    }

    private Task DeleteAsync(string region, IEnumerable<string> ids, CancellationToken ct) =>
        ecs.DeleteInstancesAsync(new DeleteInstancesRequest { RegionId = region, InstanceId = ids.ToList(), Force = true }, ct);

    private static async Task<T> Guard<T>(Func<Task<T>> action, CancellationToken ct)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (EcsErrorMapper.ToProviderException(ex, ct) is { } mapped)
        {
            throw mapped;
        }
    }
}

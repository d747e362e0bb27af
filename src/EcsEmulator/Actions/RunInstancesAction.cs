using System.Text.Json.Nodes;
using CapacityConsole.EcsEmulator.Faults;
using CapacityConsole.EcsEmulator.Options;
using CapacityConsole.EcsEmulator.Protocol;
using CapacityConsole.EcsEmulator.State;
using Microsoft.Extensions.Options;

namespace CapacityConsole.EcsEmulator.Actions;

/// <summary>RunInstances with Amount/MinAmount partial fulfilment, NoStock, ClientToken and DryRun (spec §3.6).</summary>
internal sealed class RunInstancesAction(
    EmulatorCatalog catalog, EmulatorStore store, EmulatorFaults faults, EmulatorRandom random, RunInstancesJournal journal,
    IOptions<EcsEmulatorOptions> options) : IEcsAction
{
    // Creation-per-minute window; only touched inside store.Use, so the store's lock guards it.
    private long _minute = -1;
    private int _createdInMinute;

    public string Name => "RunInstances";

    public JsonObject Execute(EcsRequest r)
    {
        var region = catalog.RequireRegion(r);
        var requestedZone = region.OptionalZone(r);
        var type = r.Require("InstanceType");
        var imageId = r.Require("ImageId");
        var amount = r.Int("Amount", 1, 1, 100);
        int? minAmount = r.Get("MinAmount") is null ? null : r.Int("MinAmount", 1, 1, 100);
        if (minAmount > amount) throw EcsError.Invalid("MinAmount", "must not exceed Amount.");
        var token = ClientTokens.Validate(r);
        var tags = r.Tags();
        var autoRelease = r.Time("AutoReleaseTime");
        var dryRun = r.Bool("DryRun");
        var chargeType = r.Get("InstanceChargeType") ?? "PostPaid";
        if (chargeType is not ("PostPaid" or "PrePaid")) throw EcsError.Invalid("InstanceChargeType", "PostPaid or PrePaid.");
        if (catalog.InstanceTypes().All(o => o.InstanceType != type))
            throw new EcsError(400, "InvalidInstanceType.ValueNotSupported", $"The specified InstanceType '{type}' does not exist or is not supported.");

        return store.Use((state, now) =>
        {
            if (ClientTokens.Replay(state, r, token) is { } replay)
            {
                journal.Add(new RunInstancesCall(now, requestedZone?.ZoneId ?? "", type, token, autoRelease, tags, [], Replayed: true));
                return replay;
            }
            if (autoRelease <= now) throw EcsError.Invalid("AutoReleaseTime", "must be in the future.");
            var zone = requestedZone ?? PickZone(region, type, state);
            if (faults.IsZoneDown(zone.ZoneId))
                throw new EcsError(403, "Zone.NotOnSale", $"The specified zone {zone.ZoneId} is not available for purchase.");
            var offering = zone.Offerings.FirstOrDefault(o => o.InstanceType == type)
                ?? throw new EcsError(403, "InvalidInstanceType.ZoneNotSupported", $"The specified zone does not support instance type {type}.");
            var stockKey = EmulatorState.StockKey(zone.ZoneId, type);
            var available = faults.IsStockedOut(zone.ZoneId, type) ? 0 : state.Stock.GetValueOrDefault(stockKey);
            // Without MinAmount it is all-or-nothing; with it, anything from MinAmount up is a success.
            var count = Math.Min(available, amount);
            if (count < (minAmount ?? amount))
                throw new EcsError(403, "OperationDenied.NoStock",
                    "The resource is out of stock in the specified zone. Please try other types, or choose other regions and zones.");
            if (options.Value.VcpuQuota > 0)
            {
                var fits = (int)Math.Max(0, (options.Value.VcpuQuota - state.VcpusInUse) / offering.Cores);
                count = Math.Min(count, fits);
                if (count < (minAmount ?? amount))
                    throw new EcsError(403, "QuotaExceed.ElasticQuota", "The vCPU quota of this account in the region is exhausted.");
            }
            CheckCreationRate(now, count);
            if (dryRun) throw new EcsError(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.");

            var ids = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var instance = Create(region, zone, offering, imageId, chargeType, autoRelease, tags, r, now);
                state.Add(instance);
                ids.Add(instance.InstanceId);
            }
            state.Stock[stockKey] = state.Stock.GetValueOrDefault(stockKey) - count;
            _createdInMinute += count;
            var response = EcsJson.From(new
            {
                InstanceIdSets = new { InstanceIdSet = ids },
                TradePrice = offering.PricePerHour * count,
            });
            ClientTokens.Remember(state, r, token, response);
            journal.Add(new RunInstancesCall(now, zone.ZoneId, type, token, autoRelease, tags, ids, Replayed: false));
            return response;
        });
    }

    private void CheckCreationRate(DateTimeOffset now, int count)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        if (minute != _minute) (_minute, _createdInMinute) = (minute, 0);
        if (_createdInMinute + count <= options.Value.MaxInstancesCreatedPerMinute) return;
        var error = new EcsError(options.Value.RateLimits.ThrottleStatusCode, "Throttling",
            "Request was denied due to request throttling: too many instances created this minute.");
        var wait = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60) - now;
        error.Headers["x-acs-retry-after"] = ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw error;
    }

    /// <summary>Without ZoneId ECS chooses; we take the first healthy zone with enough stock, else the first selling it.</summary>
    private EmulatorZone PickZone(EmulatorRegion region, string type, EmulatorState state)
    {
        var selling = region.Zones.Where(z => z.Offerings.Any(o => o.InstanceType == type)).ToList();
        return selling.FirstOrDefault(z => !faults.IsZoneDown(z.ZoneId) && !faults.IsStockedOut(z.ZoneId, type)
                   && state.Stock.GetValueOrDefault(EmulatorState.StockKey(z.ZoneId, type)) > 0)
               ?? selling.FirstOrDefault()
               ?? throw new EcsError(403, "InvalidInstanceType.ZoneNotSupported", $"No zone of {region.RegionId} sells {type}.");
    }

    private EmulatorInstance Create(EmulatorRegion region, EmulatorZone zone, EmulatorOffering offering, string imageId,
        string chargeType, DateTimeOffset? autoRelease, List<KeyValuePair<string, string>> tags, EcsRequest r, DateTimeOffset now)
    {
        var id = random.InstanceId();
        return new EmulatorInstance
        {
            InstanceId = id,
            RegionId = region.RegionId,
            ZoneId = zone.ZoneId,
            InstanceType = offering.InstanceType,
            Family = offering.FamilyName,
            Cpu = offering.Cores,
            MemoryMiB = (int)(offering.MemoryGiB * 1024),
            ImageId = imageId,
            InstanceName = r.Get("InstanceName") ?? id,
            InstanceChargeType = chargeType,
            CreatedAt = now,
            AutoReleaseAt = autoRelease,
            Tags = tags,
        };
    }
}

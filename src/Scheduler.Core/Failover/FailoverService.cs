using CapacityConsole.Scheduler.Access;
using CapacityConsole.Scheduler.Audit;
using CapacityConsole.Scheduler.Live;
using CapacityConsole.Scheduler.Storage;
using CapacityConsole.Scheduler.Topology;

namespace CapacityConsole.Scheduler.Failover;

/// <summary>
/// On-call marks an internal zone, or one of its member zones, Healthy, Degraded or Down (brief §2).
/// The health, its reason and time are written with an audit event in one transaction and pushed to
/// live viewers; a zone going Down then schedules the failover of every Provisioning or Active request
/// with work there as a job (see <see cref="FailoverExecutor"/>: replacement first, release of the lost
/// units after), so the call returns at once and viewers watch it progress live.
/// </summary>
public sealed class FailoverService(
    Database db, ZoneHealthStore zones, AuditLog audit, LiveNotifier live, IFailoverJobs jobs, TimeProvider clock)
{
    public async Task<FailoverResult> SetHealthAsync(
        string internalZoneId, string? memberZoneId, ZoneHealth health, string reason, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Has(Role.OnCall) && !actor.Has(Role.Admin))
            throw new ForbiddenException($"'{actor.UserName}' is not on call; only on-call engineers and admins change zone health.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainValidationException("Reason", "Say why the zone's health changes (it is shown to everyone watching the zone).");
        if (!Enum.IsDefined(health))
            throw new DomainValidationException("Health", $"'{health}' is not a zone health (Healthy, Degraded or Down).");
        reason = reason.Trim();

        var now = clock.GetUtcNow();
        var previous = await db.InTransactionAsync(async (c, tx) =>
        {
            var zone = await zones.GetInternalZoneForUpdateAsync(internalZoneId, c, tx)
                ?? throw new NotFoundException("Internal zone", internalZoneId);
            if (memberZoneId is null)
            {
                await zones.SetInternalZoneHealthAsync(zone.Id, health, reason, now, c, tx);
                await audit.AppendAsync(c, tx, actor.UserName, nameof(InternalZone), zone.Id, "Set health",
                    new { Health = zone.Health.ToString(), Reason = zone.HealthReason }, new { Health = health.ToString(), Reason = reason });
                return zone.Health;
            }
            var member = await zones.GetMemberZoneForUpdateAsync(memberZoneId, c, tx);
            // A member zone named under the wrong internal zone is as unknown as a missing one.
            if (member is null || member.InternalZoneId != zone.Id) throw new NotFoundException("Member zone", $"{internalZoneId}/{memberZoneId}");
            await zones.SetMemberZoneHealthAsync(member.Id, health, reason, now, c, tx);
            await audit.AppendAsync(c, tx, actor.UserName, nameof(MemberZone), member.Id, "Set health",
                new { Health = member.Health.ToString(), Reason = member.HealthReason }, new { Health = health.ToString(), Reason = reason });
            return member.Health;
        }, ct);
        live.Publish(new ZoneHealthChanged(internalZoneId, memberZoneId, health, reason, now));

        // The job fails over any zone Down, not only this one: a pass interrupted earlier is finished too.
        var scheduled = health == ZoneHealth.Down;
        if (scheduled) jobs.ScheduleFailover(actor.UserName);
        return new FailoverResult(internalZoneId, memberZoneId, previous, health, reason, now, [], scheduled);
    }
}

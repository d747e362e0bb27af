-- A member zone marked Degraded or Down by on-call keeps why and when, like an internal zone.
ALTER TABLE member_zones ADD COLUMN health_reason TEXT NULL;
ALTER TABLE member_zones ADD COLUMN health_changed_at TEXT NULL;

-- Capacity samples are read by time window (charts) and pruned by age.
CREATE INDEX ix_capacity_samples_at ON capacity_samples(at);

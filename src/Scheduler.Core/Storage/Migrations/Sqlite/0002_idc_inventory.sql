-- IDC host inventory behind the IDC provider: host classes, hosts, and which provision command
-- (idempotency key) holds each host. A key row remembers the command and the hosts it got, so a
-- replayed command returns the same hosts and a reused key with other parameters is refused.

CREATE TABLE idc_host_classes (
    instance_type  TEXT PRIMARY KEY,
    family         TEXT NOT NULL,
    cores          INTEGER NOT NULL CHECK (cores > 0),
    price_per_hour TEXT NULL
);

CREATE TABLE idc_hosts (
    id              TEXT PRIMARY KEY,
    member_zone_id  TEXT NOT NULL REFERENCES member_zones(id),
    instance_type   TEXT NOT NULL REFERENCES idc_host_classes(instance_type),
    state           TEXT NOT NULL CHECK (state IN ('Free','Allocated')),
    idempotency_key TEXT NULL,
    tags            TEXT NULL,
    allocated_at    TEXT NULL
);
CREATE INDEX ix_idc_hosts_free ON idc_hosts(member_zone_id, instance_type, state);

CREATE TABLE idc_provision_keys (
    idempotency_key TEXT PRIMARY KEY,
    member_zone_id  TEXT NOT NULL,
    instance_type   TEXT NOT NULL,
    units           INTEGER NOT NULL,
    host_ids        TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- CapacityConsole schema, PostgreSQL dialect: the same tables as the SQLite file with native
-- types (uuid, numeric money, timestamptz, boolean).

CREATE TABLE regions (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE internal_zones (
    id                TEXT PRIMARY KEY,
    region_id         TEXT NOT NULL REFERENCES regions(id),
    name              TEXT NOT NULL,
    health            TEXT NOT NULL CHECK (health IN ('Healthy','Degraded','Down')),
    health_reason     TEXT NULL,
    health_changed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE member_zones (
    id               TEXT PRIMARY KEY,
    internal_zone_id TEXT NOT NULL REFERENCES internal_zones(id),
    provider         TEXT NOT NULL CHECK (provider IN ('Idc','AlibabaCloud')),
    name             TEXT NOT NULL,
    health           TEXT NOT NULL CHECK (health IN ('Healthy','Degraded','Down'))
);

CREATE TABLE offerings (
    id             TEXT PRIMARY KEY,
    member_zone_id TEXT NOT NULL REFERENCES member_zones(id),
    provider       TEXT NOT NULL CHECK (provider IN ('Idc','AlibabaCloud')),
    instance_type  TEXT NOT NULL,
    family         TEXT NOT NULL,
    cores_per_unit INTEGER NOT NULL CHECK (cores_per_unit > 0),
    price_per_hour NUMERIC(18,4) NULL,
    stock          INTEGER NOT NULL CHECK (stock >= 0),
    refreshed_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (member_zone_id, instance_type)
);

CREATE TABLE services (
    id                        TEXT PRIMARY KEY,
    name                      TEXT NOT NULL,
    owner_team                TEXT NOT NULL,
    cost_center               TEXT NOT NULL,
    tier                      TEXT NOT NULL CHECK (tier IN ('HotCache','Stateless')),
    cloud_allowed             BOOLEAN NOT NULL,
    allowed_internal_zone_ids TEXT NOT NULL DEFAULT ''
);

CREATE TABLE budgets (
    id               UUID PRIMARY KEY,
    name             TEXT NOT NULL,
    cost_center      TEXT NOT NULL,
    event_name       TEXT NULL,
    amount           NUMERIC(18,2) NOT NULL,
    period_start     TIMESTAMPTZ NOT NULL,
    period_end       TIMESTAMPTZ NOT NULL,
    state            TEXT NOT NULL,
    committed        NUMERIC(18,2) NOT NULL,
    actual           NUMERIC(18,2) NOT NULL,
    created_by       TEXT NOT NULL,
    decided_by       TEXT NULL,
    decision_comment TEXT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE core_quota_requests (
    id                UUID PRIMARY KEY,
    service_id        TEXT NOT NULL REFERENCES services(id),
    requested_by      TEXT NOT NULL,
    cores             INTEGER NOT NULL CHECK (cores > 0),
    region_id         TEXT NOT NULL REFERENCES regions(id),
    internal_zone_ids TEXT NOT NULL,
    window_start      TIMESTAMPTZ NOT NULL,
    window_end        TIMESTAMPTZ NOT NULL,
    prewarm_lead      BIGINT NOT NULL,
    budget_id         UUID NOT NULL REFERENCES budgets(id),
    justification     TEXT NOT NULL,
    survivable_share  NUMERIC(18,4) NOT NULL,
    state             TEXT NOT NULL,
    committed_amount  NUMERIC(18,2) NOT NULL,
    actual_spend      NUMERIC(18,2) NOT NULL,
    decided_by        TEXT NULL,
    decision_comment  TEXT NULL,
    failure_reason    TEXT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_requests_state ON core_quota_requests(state);
CREATE INDEX ix_requests_budget ON core_quota_requests(budget_id);

CREATE TABLE plans (
    id               UUID PRIMARY KEY,
    request_id       UUID NOT NULL REFERENCES core_quota_requests(id),
    shortfall_cores  INTEGER NOT NULL,
    shortfall_reason TEXT NULL,
    estimated_total  NUMERIC(18,2) NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE allocations (
    plan_id          UUID NOT NULL REFERENCES plans(id),
    line             INTEGER NOT NULL,
    internal_zone_id TEXT NOT NULL,
    member_zone_id   TEXT NOT NULL,
    provider         TEXT NOT NULL,
    offering_id      TEXT NOT NULL,
    instance_type    TEXT NOT NULL,
    units            INTEGER NOT NULL CHECK (units > 0),
    cores            INTEGER NOT NULL CHECK (cores > 0),
    cost_per_hour    NUMERIC(18,4) NOT NULL,
    PRIMARY KEY (plan_id, line)
);

CREATE TABLE provisioning_orders (
    id           UUID PRIMARY KEY,
    request_id   UUID NOT NULL REFERENCES core_quota_requests(id),
    plan_id      UUID NOT NULL REFERENCES plans(id),
    state        TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ NULL
);

CREATE TABLE provisioning_batches (
    id              UUID PRIMARY KEY,
    order_id        UUID NOT NULL REFERENCES provisioning_orders(id),
    sequence        INTEGER NOT NULL,
    provider        TEXT NOT NULL,
    member_zone_id  TEXT NOT NULL,
    offering_id     TEXT NOT NULL,
    instance_type   TEXT NOT NULL,
    units           INTEGER NOT NULL,
    fulfilled_units INTEGER NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    last_error      TEXT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (order_id, sequence)
);

CREATE TABLE resources (
    id             TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    member_zone_id TEXT NOT NULL,
    offering_id    TEXT NOT NULL,
    instance_type  TEXT NOT NULL,
    cores          INTEGER NOT NULL,
    request_id     UUID NOT NULL REFERENCES core_quota_requests(id),
    batch_id       UUID NULL REFERENCES provisioning_batches(id),
    state          TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    running_at     TIMESTAMPTZ NULL,
    released_at    TIMESTAMPTZ NULL
);
CREATE INDEX ix_resources_request ON resources(request_id);

CREATE TABLE capacity_samples (
    internal_zone_id TEXT NOT NULL REFERENCES internal_zones(id),
    provider         TEXT NOT NULL,
    at               TIMESTAMPTZ NOT NULL,
    total_cores      INTEGER NOT NULL,
    allocated_cores  INTEGER NOT NULL,
    used_cores       INTEGER NOT NULL,
    PRIMARY KEY (internal_zone_id, provider, at)
);

CREATE TABLE audit_events (
    seq         BIGSERIAL PRIMARY KEY,
    id          UUID NOT NULL UNIQUE,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT NULL,
    after       TEXT NULL
);
-- seq orders events that share a timestamp.
CREATE INDEX ix_audit_entity ON audit_events(entity_type, entity_id, seq);

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    user_name     TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    team          TEXT NULL,
    roles         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

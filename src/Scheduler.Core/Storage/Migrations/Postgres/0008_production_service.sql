-- Several console instances share one PostgreSQL (issue 11).

-- A live update too large for a NOTIFY payload (8000 bytes) is stored here and only its id is
-- sent; rows older than a few minutes are deleted by the sender.
CREATE TABLE live_update_payloads (
    id UUID PRIMARY KEY,
    payload TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- ASP.NET Core Data Protection's key ring, shared so that a cookie or antiforgery token issued by
-- one instance is accepted by the others.
CREATE TABLE data_protection_keys (
    friendly_name TEXT PRIMARY KEY,
    xml TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- The stock-out memory shared by the instances: an insufficient-capacity answer seen by one
-- instance is skipped by the planners of all of them until it expires (StockoutMemorySync).
CREATE TABLE stockouts (
    provider       TEXT NOT NULL,
    member_zone_id TEXT NOT NULL,
    family         TEXT NOT NULL,
    until          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, member_zone_id, family)
);

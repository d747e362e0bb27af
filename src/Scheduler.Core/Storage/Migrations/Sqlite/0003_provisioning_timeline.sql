-- Each resource keeps the hourly price it was bought at, so actual spend is exact at release.
ALTER TABLE resources ADD COLUMN price_per_hour TEXT NOT NULL DEFAULT '0';

-- The provisioning timeline shown on a request's page: one line per step, in order.
CREATE TABLE provisioning_events (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL REFERENCES provisioning_orders(id),
    at       TEXT NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX ix_provisioning_events_order ON provisioning_events(order_id, seq);

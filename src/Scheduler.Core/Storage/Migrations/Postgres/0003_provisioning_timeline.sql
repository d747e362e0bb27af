-- Each resource keeps the hourly price it was bought at, so actual spend is exact at release.
ALTER TABLE resources ADD COLUMN price_per_hour NUMERIC(18,4) NOT NULL DEFAULT 0;

-- The provisioning timeline shown on a request's page: one line per step, in order.
CREATE TABLE provisioning_events (
    seq      BIGSERIAL PRIMARY KEY,
    order_id UUID NOT NULL REFERENCES provisioning_orders(id),
    at       TIMESTAMPTZ NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX ix_provisioning_events_order ON provisioning_events(order_id, seq);

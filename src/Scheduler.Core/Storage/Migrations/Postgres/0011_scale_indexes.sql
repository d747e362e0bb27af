-- Indexes for every query the jobs and pages run at a platform's size (issue 16: 6,378 resources and
-- 3,181 audit events made the reconciler, sampler and pages read whole tables). Each is named after
-- the query it serves; Storage/QueryPlanSuite runs EXPLAIN on those queries and fails on a full scan.

-- Live resources (sampler, zone overview, live lists): state first, and the sampler's and zone
-- overview's sums per zone, provider and request answered from the index alone.
CREATE INDEX ix_resources_state ON resources(state, member_zone_id, provider, request_id, cores);
-- The reconciler's live ids per provider, from the index alone.
CREATE INDEX ix_resources_state_provider ON resources(state, provider, id);
-- Lead-time history: recent orders -> their batches -> the batches' resources.
CREATE INDEX ix_resources_batch ON resources(batch_id);
-- A request's resources page by page in creation order, and its held cores by state.
CREATE INDEX ix_resources_request_created ON resources(request_id, created_at, id);
CREATE INDEX ix_resources_request_state ON resources(request_id, state, cores);

-- Request lists, newest window first, optionally by state, service or budget (pages and API).
CREATE INDEX ix_requests_window ON core_quota_requests(window_start);
CREATE INDEX ix_requests_state_window ON core_quota_requests(state, window_start);
CREATE INDEX ix_requests_service_window ON core_quota_requests(service_id, window_start);
CREATE INDEX ix_requests_budget_window ON core_quota_requests(budget_id, window_start);

-- A request's current plan and order, the most recent orders, the batches in flight.
CREATE INDEX ix_plans_request ON plans(request_id, created_at);
CREATE INDEX ix_orders_request ON provisioning_orders(request_id, created_at);
CREATE INDEX ix_orders_created ON provisioning_orders(created_at);
CREATE INDEX ix_batches_state ON provisioning_batches(state);

-- The approval queue renders from stored previews (plan and lead-time estimate) instead of
-- planning every waiting request on every render. A preview remembers the versions of the inputs
-- it was made from (topology with stock and health, the budget, lead-time history), so a row can
-- say it is stale and the background refresher re-plans only when one of them changed.
CREATE TABLE approval_previews (
    request_id        UUID PRIMARY KEY REFERENCES core_quota_requests(id),
    topology_version  TEXT NOT NULL,
    budget_version    TEXT NOT NULL,
    history_version   TEXT NOT NULL,
    request_version   TEXT NOT NULL,
    plan_json         TEXT NULL,
    lead_time_json    TEXT NULL,
    error             TEXT NULL,
    computed_at       TIMESTAMPTZ NOT NULL
);

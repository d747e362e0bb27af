-- The admin lists page on the server too (issue 15): services by name, API keys newest first.
-- Retired services and revoked keys stay listed, so both grow with history; with these indexes a
-- page reads its own rows instead of sorting the whole table, and the active keys are counted
-- without reading the revoked ones. Users page by user_name's unique index.
CREATE INDEX ix_services_name ON services(name, id);
CREATE INDEX ix_api_keys_created ON api_keys(created_at DESC, name, id);
CREATE INDEX ix_api_keys_active ON api_keys(created_at DESC, name, id) WHERE revoked_at IS NULL;

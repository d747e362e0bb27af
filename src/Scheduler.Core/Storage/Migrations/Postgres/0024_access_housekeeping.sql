-- Sign-in bookkeeping that ages out (AccessHousekeeping): a failure count is kept per typed user
-- name, so names an attacker sprays would pile up for ever; counts older than the failure window
-- are forgotten and their rows deleted. Sessions are deleted a day after they end or once past
-- their absolute lifetime, found through these indexes rather than by reading every session.
ALTER TABLE sign_in_failures ADD COLUMN last_failed_at TIMESTAMPTZ NULL;
CREATE INDEX ix_sign_in_failures_last ON sign_in_failures(last_failed_at);
CREATE INDEX ix_user_sessions_created ON user_sessions(created_at);
CREATE INDEX ix_user_sessions_ended ON user_sessions(ended_at);

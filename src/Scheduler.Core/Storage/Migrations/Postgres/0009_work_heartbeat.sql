-- Crash recovery re-derives due work from the tables on every reconciler pass (issue 12). A job
-- working on a request leaves a sign of life here; the reconciler claims a request by the same
-- column before it schedules its job again, so a second console or the next pass does not schedule
-- it twice. next_poll_at is the boot re-check a pre-warm has scheduled for itself: only the run that
-- owns it schedules the next one, so a job scheduled twice does not become two polling chains.
ALTER TABLE core_quota_requests ADD COLUMN heartbeat_at TIMESTAMPTZ NULL;
ALTER TABLE core_quota_requests ADD COLUMN next_poll_at TIMESTAMPTZ NULL;
-- Actual spend starts at the earliest of our first send and the provider's creation time (issue 12
-- point 5), so a crash between the provider call and our record loses no fen.
ALTER TABLE provisioning_batches ADD COLUMN first_sent_at TIMESTAMPTZ NULL;
-- Desired capacity (issue 12 point 2): what an Active request lacks and why, when no re-plan can add
-- it (0 and NULL when it holds its plan). Written by the pre-warm and the reconciler's repair.
ALTER TABLE core_quota_requests ADD COLUMN short_cores INTEGER NOT NULL DEFAULT 0;
ALTER TABLE core_quota_requests ADD COLUMN short_reason TEXT NULL;

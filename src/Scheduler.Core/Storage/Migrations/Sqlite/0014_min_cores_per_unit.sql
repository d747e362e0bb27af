-- Node shape (issue 13): a service or a request may state the smallest unit (vCPU per node) its
-- plans may use; 0 means no minimum beyond the planner's own (Planner:MinCoresPerUnit).
ALTER TABLE services ADD COLUMN min_cores_per_unit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE core_quota_requests ADD COLUMN min_cores_per_unit INTEGER NOT NULL DEFAULT 0;

-- Lists are ordered by last activity; the FREE list by waiting time.
CREATE INDEX tickets_activity ON tickets(last_activity_at DESC, id DESC);
CREATE INDEX tickets_div_activity ON tickets(division, last_activity_at DESC, id DESC);
CREATE INDEX tickets_assigned_activity ON tickets(assigned_to, last_activity_at DESC);
CREATE INDEX tickets_waiting_activity ON tickets(waiting_for_agent, last_activity_at DESC);
CREATE INDEX tickets_free ON tickets(queue_status, division, waiting_since);
-- Covering index for filtered counts.
CREATE INDEX tickets_filters ON tickets(division, status, channel, crm_stage, queue_status);
-- Whose ticket it is: the assignee, or the agent a returning customer waits
-- for (RETURN-2). Filtering `assigned_to` uses this one ordered index.
ALTER TABLE tickets ADD COLUMN owner_id TEXT GENERATED ALWAYS AS (COALESCE(assigned_to, waiting_for_agent)) VIRTUAL;
CREATE INDEX tickets_owner_activity ON tickets(owner_id, last_activity_at DESC, id DESC);

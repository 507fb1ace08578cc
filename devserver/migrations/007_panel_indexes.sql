-- Issue 14 at 100,000 tickets (docs/performance.md). Only open tickets can
-- be idle or count as an agent's load, and they are a small part of the
-- table: partial indexes over them serve the panel's idle list and the
-- load of every agent (API-3) without reading closed history.
DROP INDEX tickets_queue_activity;
CREATE INDEX tickets_open_queue ON tickets(queue_status, last_activity_at, id) WHERE status != 'CLOSED';
CREATE INDEX tickets_open_assignee ON tickets(assigned_to, last_activity_at) WHERE status != 'CLOSED';
-- A search finds customers, then their tickets: this index answers the
-- division, owner and order of those tickets without reading their rows.
DROP INDEX tickets_customer;
CREATE INDEX tickets_customer_cover ON tickets(customer_id, division, owner_id, last_activity_at, id);

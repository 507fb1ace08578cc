-- INBOX-6 at 100,000 tickets (docs/performance.md). The inbox page walks
-- this index in activity order and checks every filter column inside it, so
-- a common filter finds its page without reading the table (tickets.rs
-- chooses the walk from the count). It replaces the plain activity index,
-- which it starts with.
DROP INDEX tickets_activity;
CREATE INDEX tickets_activity_cover ON tickets(
    last_activity_at DESC, id DESC, division, status, channel, crm_stage, queue_status, owner_id
);
-- An agent's count: the tickets handed to them from another division.
CREATE INDEX tickets_owner_div ON tickets(owner_id, division);

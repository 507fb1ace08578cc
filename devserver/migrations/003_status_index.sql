-- INBOX-6: the status filter over the whole inbox (SA/TL, all divisions).
-- Without it a rare status (NEW, IN_PROGRESS) walks the whole activity index
-- to find a page: 9 ms at 10,000 tickets, under 1 ms with it
-- (docs/performance.md). The planner needs statistics to leave it alone for a
-- common status (CLOSED): the seed runs ANALYZE (seed.rs).
CREATE INDEX tickets_status_activity ON tickets(status, last_activity_at DESC, id DESC);

-- Analytics (API-17/18) over a year of 10,000 tickets took 27 ms for the
-- divisions and 20 ms for six agents (docs/performance.md). The top routes
-- read every row's CRM JSON: the route's cities become virtual columns
-- (computed, not stored) that one index holds beside the division and the
-- date, so that query reads the index only. Two indexes replace their
-- prefixes and also carry what the totals, trends, channels, lost reasons
-- and an agent's figures read, so those queries skip the table.
ALTER TABLE tickets ADD COLUMN origin_city TEXT
    GENERATED ALWAYS AS (json_extract(crm_data, '$.origin_city')) VIRTUAL;
ALTER TABLE tickets ADD COLUMN destination_city TEXT
    GENERATED ALWAYS AS (json_extract(crm_data, '$.destination_city')) VIRTUAL;
CREATE INDEX tickets_route ON tickets(division, created_at, origin_city, destination_city);
DROP INDEX tickets_div_created;
CREATE INDEX tickets_div_created_cover ON tickets(
    division, created_at DESC, crm_stage, channel, bot_resolved, deal_value, closed_at, lost_reason
);
DROP INDEX tickets_assigned;
CREATE INDEX tickets_assigned_cover ON tickets(
    assigned_to, created_at DESC, crm_stage, first_pickup_at, deal_value, lost_reason
);

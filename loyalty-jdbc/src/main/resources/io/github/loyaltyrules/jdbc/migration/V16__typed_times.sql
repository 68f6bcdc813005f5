-- loyalty-jdbc schema, version 16: typed times for the reports in SQL (issue 19). Nothing of the
-- scripts before is edited; the text columns stay (and are still written), only no report reads them.
--
-- Program records: JdbcProgramStore.recordsByTime (the what-if replay in time order) and the
-- retention run (dropPersonalData) read by the typed time of schema 15 (business_time to the
-- microsecond, business_nano below it) instead of the ISO-8601 text of business_at (schema 11).
CREATE INDEX IF NOT EXISTS loyalty_program_record_order
    ON loyalty_program_record (business_time, business_nano, record_key);
CREATE INDEX IF NOT EXISTS loyalty_program_record_retention
    ON loyalty_program_record (personal, business_time);

-- Tiers: the tier report (JdbcTierStore.tally) counts members per tier and tier changes per pair of
-- tiers in SQL. A member row says, when the engine that wrote it told the store (tallied = TRUE):
--   clock_at    the member's clock (the latest instant the engine moved them to) to the microsecond ...
--   clock_nano  ... and the nanoseconds below it (0 to 999)
--   next_event  the earliest instant (rounded down to the microsecond) at which the member's tier could
--               change without new activity (a window close, the end of a grace period or of a status
--               match); NULL if none ever. Before it the stored tier is the one the member shows.
-- Rows written before (tallied = FALSE) are counted by the engine from their state until the member is
-- next written. No data step: nothing is computed here that only the engine can compute.
ALTER TABLE loyalty_tier_member ADD COLUMN IF NOT EXISTS clock_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE loyalty_tier_member ADD COLUMN IF NOT EXISTS clock_nano INT;
ALTER TABLE loyalty_tier_member ADD COLUMN IF NOT EXISTS next_event TIMESTAMP WITH TIME ZONE;
ALTER TABLE loyalty_tier_member ADD COLUMN IF NOT EXISTS tallied BOOLEAN DEFAULT FALSE NOT NULL;

-- A tier change's time below the microsecond that changed_at keeps (0 to 999), so that a report's
-- period bounds are exact; NULL for rows written before, which the writer of a tallied row fills in.
ALTER TABLE loyalty_tier_change ADD COLUMN IF NOT EXISTS changed_nano INT;
CREATE INDEX IF NOT EXISTS loyalty_tier_change_time ON loyalty_tier_change (changed_at);

-- loyalty-jdbc schema, version 10: the change feed (ChangeFeed, LedgerStore.postingsAfter,
-- TierStore.changesAfter). Writers do not number what they commit: a posting or tier change is
-- written with feed_pos NULL, and the reader that next asks for the feed stamps the rows without a
-- position with numbers from loyalty_feed_seq, one stamping transaction at a time (holding the
-- table's row of loyalty_feed_lock), so that a number is never visible before a lower one that is
-- still to come. Positions carry no personal data. Keep the sequence's default CACHE 1.

ALTER TABLE loyalty_posting ADD COLUMN feed_pos BIGINT;
-- Finds the rows still to stamp (feed_pos IS NULL) and reads the feed in position order.
CREATE INDEX loyalty_posting_feed ON loyalty_posting (feed_pos);

-- One row per entry of a member's tier history, written with the state that added it; the reason
-- is not kept (for a status match it is the caller's free text): the state keeps it.
CREATE TABLE loyalty_tier_change (
    member_id   VARCHAR(128) NOT NULL,
    change_no   INT          NOT NULL,
    from_tier   VARCHAR(64)  NOT NULL,
    to_tier     VARCHAR(64)  NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    cause       VARCHAR(32)  NOT NULL,
    feed_pos    BIGINT,
    PRIMARY KEY (member_id, change_no)
);
CREATE INDEX loyalty_tier_change_feed ON loyalty_tier_change (feed_pos);

CREATE SEQUENCE loyalty_feed_seq;

-- Global on purpose, not per member: one row per feed table, locked by the stamping transaction
-- so that stampings run one at a time across all servers; writers never touch it.
CREATE TABLE loyalty_feed_lock (
    source VARCHAR(32) NOT NULL PRIMARY KEY
);
INSERT INTO loyalty_feed_lock (source) VALUES ('loyalty_posting');
INSERT INTO loyalty_feed_lock (source) VALUES ('loyalty_tier_change');

-- loyalty-jdbc schema, version 17: members' challenge progress (JdbcChallengeStore, issue 23). Both
-- tables are keyed by member first, so the schema distributes by member id. Neither holds personal
-- data beyond the member id (which erasure moves to the pseudonym): challenge ids, window keys,
-- store ids, caller keys and counts are the program's.

-- One row per member, challenge and window: the progress value, and in text form the purchases per
-- store (distinct-stores goals) and the completions with their reward and reversal keys; replaced
-- only at the version the writer read.
CREATE TABLE IF NOT EXISTS loyalty_challenge_progress (
    member_id     VARCHAR(128) NOT NULL,
    challenge_id  VARCHAR(64)  NOT NULL,
    window_key    VARCHAR(16)  NOT NULL,
    version       BIGINT       NOT NULL,
    progress      BIGINT       NOT NULL,
    state         TEXT         NOT NULL,
    PRIMARY KEY (member_id, challenge_id, window_key)
);

-- One row per member, challenge and counted purchase: what the purchase's kept basket adds, in the
-- window it counts in; replaced only at the version the writer read.
CREATE TABLE IF NOT EXISTS loyalty_challenge_contribution (
    member_id     VARCHAR(128) NOT NULL,
    challenge_id  VARCHAR(64)  NOT NULL,
    purchase_key  VARCHAR(200) NOT NULL,
    window_key    VARCHAR(16)  NOT NULL,
    version       BIGINT       NOT NULL,
    contribution  BIGINT       NOT NULL,
    store_id      VARCHAR       NOT NULL,
    PRIMARY KEY (member_id, challenge_id, purchase_key)
);

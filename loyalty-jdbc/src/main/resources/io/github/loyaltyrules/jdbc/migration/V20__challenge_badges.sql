-- loyalty-jdbc schema, version 20: the badges members earned by completing challenges
-- (JdbcChallengeStore, issue 23). Keyed by member first, so the schema distributes by member id. No
-- personal data beyond the member id (which erasure moves to the pseudonym): badge and challenge ids
-- and the caller's purchase key are the program's.

-- One row per member and badge: the first award stands (a second insert violates the key and is
-- ignored). earned_at is the completing purchase's business time in ISO-8601 (to the nanosecond).
CREATE TABLE IF NOT EXISTS loyalty_challenge_badge (
    member_id     VARCHAR(128) NOT NULL,
    badge_id      VARCHAR(64)  NOT NULL,
    challenge_id  VARCHAR(64)  NOT NULL,
    earned_at     VARCHAR(40)  NOT NULL,
    purchase_key  VARCHAR(200) NOT NULL,
    PRIMARY KEY (member_id, badge_id)
);

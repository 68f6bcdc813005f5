-- loyalty-jdbc schema, version 19: the expiry holds that ended (issue 18), one row per lift, written in
-- the lift's transaction. loyalty_purse.expiry_held_since says only whether a purse is held now; these
-- rows let a balance as of a past time see the hold that was in force then, and the restart of the
-- inactivity clock at a hold's end. member_version is the member's version the lift committed, so a
-- row is written once. Keyed by member first, so the schema distributes by member id.
CREATE TABLE IF NOT EXISTS loyalty_expiry_hold (
    member_id            VARCHAR(128)             NOT NULL,
    member_version       BIGINT                   NOT NULL,
    currency             VARCHAR(16)              NOT NULL,
    held_since           TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    inactivity_restarted BOOLEAN                  NOT NULL,
    PRIMARY KEY (member_id, member_version)
);

-- loyalty-jdbc schema, version 3: members' tier state, shared by every server.

-- One row per member: the tier engine's versioned state (activities, status matches, history,
-- pending downgrade) in the library's exact text form. tier and as_of are there for reporting in
-- SQL: the tier the member showed at as_of, the latest instant the engine moved them to.
CREATE TABLE loyalty_tier_member (
    member_id   VARCHAR(128) NOT NULL PRIMARY KEY,
    version     BIGINT       NOT NULL,
    tier        VARCHAR(64)  NOT NULL,
    as_of       VARCHAR(40)  NOT NULL,
    state       TEXT         NOT NULL
);

-- One row per recorded qualifying activity; the primary key makes an activity key count once per
-- member across all servers, whatever the state's version check saw.
CREATE TABLE loyalty_tier_activity (
    member_id    VARCHAR(128) NOT NULL,
    activity_key VARCHAR(200) NOT NULL,
    metric       VARCHAR(64)  NOT NULL,
    amount       BIGINT       NOT NULL,
    business_at  VARCHAR(40)  NOT NULL,
    PRIMARY KEY (member_id, activity_key)
);

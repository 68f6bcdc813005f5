-- loyalty-jdbc schema, version 4: the LoyaltyProgram facade's own state (JdbcProgramStore), shared
-- by every server.

-- One row per member: profile (tags, attributes, birthday), purchase count and reward counts in the
-- library's exact text form; replaced only at the version the writer read.
CREATE TABLE loyalty_program_member (
    member_id   VARCHAR(128) NOT NULL PRIMARY KEY,
    version     BIGINT       NOT NULL,
    state       TEXT         NOT NULL
);

-- One row per caller key of a purchase, event, return or reward redemption: the request, its award
-- lines and (for a purchase) the member as the rules saw them. The primary key lets one server win.
CREATE TABLE loyalty_program_record (
    record_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    member_id   VARCHAR(128) NOT NULL,
    kind        VARCHAR(8)   NOT NULL,
    business_at VARCHAR(40)  NOT NULL,
    record      TEXT         NOT NULL
);

-- One row per purchase something was returned of: units, points and qualifying activity taken back
-- so far; replaced only at the version the writer read, so concurrent returns cannot exceed a line.
CREATE TABLE loyalty_program_return (
    purchase_key VARCHAR(200) NOT NULL PRIMARY KEY,
    version      BIGINT       NOT NULL,
    state        TEXT         NOT NULL
);

-- Which kind of operation each caller key is bound to.
CREATE TABLE loyalty_program_key (
    key_value   VARCHAR(200) NOT NULL PRIMARY KEY,
    key_use     VARCHAR(64)  NOT NULL
);

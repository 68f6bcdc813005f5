-- loyalty-jdbc schema, version 1: the points ledger.
-- PostgreSQL is the reference dialect; the same statements run on H2.
-- Apply with JdbcLedgerStore.migrate(), or with your own migration tool (Flyway picks up the
-- V1__ name as it is), in which case also insert (1, 'V1__ledger.sql') into loyalty_schema_history.

-- One row per member: the member's current book (account, lots, reservations, reversal state)
-- in the library's exact text form, with the version that optimistic concurrency checks.
CREATE TABLE loyalty_member (
    member_id   VARCHAR(128) NOT NULL PRIMARY KEY,
    version     BIGINT       NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    book        TEXT         NOT NULL
);

-- One row per posting; the primary key makes an idempotency key usable once across all servers.
CREATE TABLE loyalty_posting (
    posting_key VARCHAR(200) NOT NULL PRIMARY KEY,
    member_id   VARCHAR(128) NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    currency    VARCHAR(16)  NOT NULL,
    amount      BIGINT       NOT NULL,
    business_at VARCHAR(40)  NOT NULL,
    body        TEXT         NOT NULL
);

-- The append-only entries; amount and debt_delta are there for reporting in SQL
-- (e.g. the points liability: SELECT currency, SUM(amount) FROM loyalty_entry GROUP BY currency).
CREATE TABLE loyalty_entry (
    member_id   VARCHAR(128) NOT NULL,
    seq         BIGINT       NOT NULL,
    posting_key VARCHAR(200) NOT NULL,
    type        VARCHAR(24)  NOT NULL,
    currency    VARCHAR(16)  NOT NULL,
    amount      BIGINT       NOT NULL,
    debt_delta  BIGINT       NOT NULL,
    business_at VARCHAR(40)  NOT NULL,
    body        TEXT         NOT NULL,
    PRIMARY KEY (member_id, seq)
);

CREATE INDEX loyalty_entry_posting ON loyalty_entry (posting_key);

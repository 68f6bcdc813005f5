-- loyalty-jdbc schema, version 5: the ledger's storage v2.
-- A posting reads and writes only the rows it touches: the member row (account, counters and the
-- version that optimistic concurrency checks), the purse rows of the currencies it moves (balance
-- summary, debt, last activity), the lots it creates or consumes (updated in place), and its own
-- posting, key and entry rows. Spent lots, closed reservations, old postings and entries stay in
-- their tables as the audit trail and are never read on the hot path.
-- Every table's primary key leads with member_id (except loyalty_posting_key, the idempotency
-- index, which is keyed by the key so that a key is usable once across all members and servers),
-- so the schema can be distributed by member: PostgreSQL hash partitioning or Citus
-- create_distributed_table('loyalty_lot', 'member_id') and so on.
-- Times are TIMESTAMP WITH TIME ZONE (kept to the microsecond), amounts BIGINT minor units.
-- JdbcLedgerStore.migrate() applies this script and, in the same transaction, moves every
-- member's book, posting and entry of schema 1 into these tables (see LedgerV2Migration).

ALTER TABLE loyalty_member ADD COLUMN enrolled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE loyalty_member ADD COLUMN status_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE loyalty_member ADD COLUMN status_reason VARCHAR(1000);
ALTER TABLE loyalty_member ADD COLUMN next_lot BIGINT;
ALTER TABLE loyalty_member ADD COLUMN next_entry BIGINT;

DROP INDEX loyalty_entry_posting;
ALTER TABLE loyalty_posting RENAME TO loyalty_posting_v1;
ALTER TABLE loyalty_entry RENAME TO loyalty_entry_v1;

-- One row per member and currency: the summary a balance is read from.
CREATE TABLE loyalty_purse (
    member_id     VARCHAR(128) NOT NULL,
    currency      VARCHAR(16)  NOT NULL,
    balance       BIGINT       NOT NULL,
    debt          BIGINT       NOT NULL,
    last_activity TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (member_id, currency),
    CHECK (balance >= 0 AND debt >= 0)
);

-- One row per lot, updated in place as it is consumed or given back; open lots are found through
-- loyalty_lot_open without reading the spent ones.
CREATE TABLE loyalty_lot (
    member_id        VARCHAR(128) NOT NULL,
    lot_no           BIGINT       NOT NULL,
    currency         VARCHAR(16)  NOT NULL,
    original         BIGINT       NOT NULL,
    remaining        BIGINT       NOT NULL,
    earned_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    available_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE,
    source_key       VARCHAR(200),
    last_movement_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (member_id, lot_no),
    CHECK (remaining >= 0 AND remaining <= original)
);
CREATE INDEX loyalty_lot_open ON loyalty_lot (member_id, remaining);

-- One row per reservation; lots lists the lots it holds as lot:delta:held, comma-separated;
-- in_book marks the open ones a posting reads (a lapsed one leaves the book, still OPEN, once it
-- can hold nothing for any posting the ledger still accepts).
CREATE TABLE loyalty_reservation (
    member_id       VARCHAR(128) NOT NULL,
    reservation_key VARCHAR(200) NOT NULL,
    currency        VARCHAR(16)  NOT NULL,
    amount          BIGINT       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline        TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE,
    lots            TEXT         NOT NULL,
    in_book         BOOLEAN      NOT NULL,
    PRIMARY KEY (member_id, reservation_key)
);
CREATE INDEX loyalty_reservation_open ON loyalty_reservation (member_id, in_book);

-- How much of a posting has been reversed; lots as lot:amount, comma-separated.
CREATE TABLE loyalty_reversal (
    member_id   VARCHAR(128) NOT NULL,
    posting_key VARCHAR(200) NOT NULL,
    amount      BIGINT       NOT NULL,
    lots        TEXT         NOT NULL,
    PRIMARY KEY (member_id, posting_key)
);

-- One row per posting, under the member it was made for: the audit trail, kept for ever.
CREATE TABLE loyalty_posting (
    member_id    VARCHAR(128) NOT NULL,
    posting_key  VARCHAR(200) NOT NULL,
    type         VARCHAR(16)  NOT NULL,
    counterparty VARCHAR(128),
    currency     VARCHAR(16),
    amount       BIGINT       NOT NULL,
    business_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(1000),
    target_key   VARCHAR(200),
    fingerprint  TEXT         NOT NULL,
    PRIMARY KEY (member_id, posting_key)
);

-- The idempotency index: a key is inserted once, across all members and servers. Rows dated
-- before the ledger's idempotency window are deleted (the ledger refuses postings that old).
CREATE TABLE loyalty_posting_key (
    posting_key VARCHAR(200) NOT NULL PRIMARY KEY,
    member_id   VARCHAR(128) NOT NULL,
    business_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX loyalty_posting_key_time ON loyalty_posting_key (business_at);

-- The append-only entries (e.g. the points liability:
-- SELECT currency, SUM(amount) FROM loyalty_entry GROUP BY currency); lots as lot:delta:held.
CREATE TABLE loyalty_entry (
    member_id    VARCHAR(128) NOT NULL,
    seq          BIGINT       NOT NULL,
    posting_key  VARCHAR(200) NOT NULL,
    posting_ord  INT          NOT NULL,
    posting_type VARCHAR(16)  NOT NULL,
    type         VARCHAR(24)  NOT NULL,
    currency     VARCHAR(16)  NOT NULL,
    amount       BIGINT       NOT NULL,
    held_delta   BIGINT       NOT NULL,
    debt_delta   BIGINT       NOT NULL,
    business_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(1000),
    lots         TEXT         NOT NULL,
    PRIMARY KEY (member_id, seq)
);
CREATE INDEX loyalty_entry_by_posting ON loyalty_entry (member_id, posting_key);

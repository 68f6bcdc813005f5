-- The ledger's tables of schema 5 as a DBA would lay them out to spread members over nodes:
-- every member-keyed table hash-partitioned by member_id (four partitions), the key index by its key.
-- Used by the partitioned-layout tests on PostgreSQL; not shipped.
CREATE TABLE loyalty_member (
    member_id     VARCHAR(128) NOT NULL,
    version       BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    enrolled_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    status_since  TIMESTAMP WITH TIME ZONE NOT NULL,
    status_reason VARCHAR(1000),
    next_lot      BIGINT       NOT NULL,
    next_entry    BIGINT       NOT NULL,
    PRIMARY KEY (member_id)
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_member_p0 PARTITION OF loyalty_member FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_member_p1 PARTITION OF loyalty_member FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_member_p2 PARTITION OF loyalty_member FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_member_p3 PARTITION OF loyalty_member FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE TABLE loyalty_purse (
    member_id     VARCHAR(128) NOT NULL,
    currency      VARCHAR(16)  NOT NULL,
    balance       BIGINT       NOT NULL,
    debt          BIGINT       NOT NULL,
    last_activity TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (member_id, currency),
    CHECK (balance >= 0 AND debt >= 0)
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_purse_p0 PARTITION OF loyalty_purse FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_purse_p1 PARTITION OF loyalty_purse FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_purse_p2 PARTITION OF loyalty_purse FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_purse_p3 PARTITION OF loyalty_purse FOR VALUES WITH (MODULUS 4, REMAINDER 3);
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
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_lot_p0 PARTITION OF loyalty_lot FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_lot_p1 PARTITION OF loyalty_lot FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_lot_p2 PARTITION OF loyalty_lot FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_lot_p3 PARTITION OF loyalty_lot FOR VALUES WITH (MODULUS 4, REMAINDER 3);
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
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_reservation_p0 PARTITION OF loyalty_reservation FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_reservation_p1 PARTITION OF loyalty_reservation FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_reservation_p2 PARTITION OF loyalty_reservation FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_reservation_p3 PARTITION OF loyalty_reservation FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE TABLE loyalty_reversal (
    member_id   VARCHAR(128) NOT NULL,
    posting_key VARCHAR(200) NOT NULL,
    amount      BIGINT       NOT NULL,
    lots        TEXT         NOT NULL,
    PRIMARY KEY (member_id, posting_key)
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_reversal_p0 PARTITION OF loyalty_reversal FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_reversal_p1 PARTITION OF loyalty_reversal FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_reversal_p2 PARTITION OF loyalty_reversal FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_reversal_p3 PARTITION OF loyalty_reversal FOR VALUES WITH (MODULUS 4, REMAINDER 3);
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
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_posting_p0 PARTITION OF loyalty_posting FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_posting_p1 PARTITION OF loyalty_posting FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_posting_p2 PARTITION OF loyalty_posting FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_posting_p3 PARTITION OF loyalty_posting FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE TABLE loyalty_posting_key (
    posting_key VARCHAR(200) NOT NULL,
    member_id   VARCHAR(128) NOT NULL,
    business_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (posting_key)
) PARTITION BY HASH (posting_key);
CREATE TABLE loyalty_posting_key_p0 PARTITION OF loyalty_posting_key FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_posting_key_p1 PARTITION OF loyalty_posting_key FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_posting_key_p2 PARTITION OF loyalty_posting_key FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_posting_key_p3 PARTITION OF loyalty_posting_key FOR VALUES WITH (MODULUS 4, REMAINDER 3);
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
) PARTITION BY HASH (member_id);
CREATE TABLE loyalty_entry_p0 PARTITION OF loyalty_entry FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE loyalty_entry_p1 PARTITION OF loyalty_entry FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE loyalty_entry_p2 PARTITION OF loyalty_entry FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE loyalty_entry_p3 PARTITION OF loyalty_entry FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX loyalty_lot_open ON loyalty_lot (member_id, remaining);
CREATE INDEX loyalty_reservation_open ON loyalty_reservation (member_id, in_book);
CREATE INDEX loyalty_posting_key_time ON loyalty_posting_key (business_at);
CREATE INDEX loyalty_entry_by_posting ON loyalty_entry (member_id, posting_key);

-- loyalty-jdbc schema, version 2: counters that rule engines draw on (campaign budgets,
-- per-member caps), shared by every server so that no budget or cap is exceeded across them.
CREATE TABLE loyalty_quota (
    counter     VARCHAR(400) NOT NULL PRIMARY KEY,
    used        BIGINT       NOT NULL
);

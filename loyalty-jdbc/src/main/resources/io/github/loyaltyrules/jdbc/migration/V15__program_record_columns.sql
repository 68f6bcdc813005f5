-- loyalty-jdbc schema, version 15: the program's records in typed columns, so that the program's report
-- (JdbcProgramStore.activity, issue 19) is summed in SQL without decoding a record, and operators can
-- query them directly. None of the new columns holds personal data (store ids, amounts, currencies and
-- keys are the program's), so erasure and retention leave them as they are.
--   business_time   the business time to the microsecond (as the ledger's tables keep times) ...
--   business_nano   ... and the nanoseconds below it (0 to 999), so a period's bounds are exact
--   store_id        a purchase's store; for a return, the store of the purchase it returns ('' if none)
--   money_currency  a purchase's money currency (ISO 4217) ...
--   total_amount    ... and its total before discounts, in that currency
--   original_key    for a return, the key of the purchase it returns
-- The data step that goes with this script (ProgramRecordColumns.backfill) fills them for the records
-- stored before, a page at a time, and then makes the time columns NOT NULL. Script and data step can
-- run again after a failure part-way (H2 commits each schema change as it goes; PostgreSQL rolls all back).
ALTER TABLE loyalty_program_record ADD COLUMN IF NOT EXISTS business_time TIMESTAMP WITH TIME ZONE;
ALTER TABLE loyalty_program_record ADD COLUMN IF NOT EXISTS business_nano INT;
ALTER TABLE loyalty_program_record ADD COLUMN IF NOT EXISTS store_id VARCHAR;
ALTER TABLE loyalty_program_record ADD COLUMN IF NOT EXISTS money_currency VARCHAR(3);
ALTER TABLE loyalty_program_record ADD COLUMN IF NOT EXISTS total_amount DECIMAL(110, 4);
ALTER TABLE loyalty_program_record ADD COLUMN IF NOT EXISTS original_key VARCHAR(200);

-- One row per record and point currency: the points its award lines add up to (for a return, the
-- points it took back). A record without awards (a reward redemption) has none.
CREATE TABLE IF NOT EXISTS loyalty_program_award (
    record_key  VARCHAR(200) NOT NULL,
    currency    VARCHAR(200) NOT NULL,
    points      BIGINT       NOT NULL,
    PRIMARY KEY (record_key, currency)
);

CREATE INDEX IF NOT EXISTS loyalty_program_record_period ON loyalty_program_record (business_time, kind);

-- loyalty-jdbc schema, version 11: the program's records in business time order, for a what-if
-- replay in time order and the program's reports (JdbcProgramStore.recordsByTime): an index on the
-- time (ISO-8601 text, which orders by time to the second) and the key, read a page at a time.
CREATE INDEX loyalty_program_record_time ON loyalty_program_record (business_at, record_key);

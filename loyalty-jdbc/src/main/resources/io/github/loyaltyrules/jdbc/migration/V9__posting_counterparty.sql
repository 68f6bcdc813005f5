-- loyalty-jdbc schema, version 9: the erasure of a member (JdbcMemberErasure) finds the transfers
-- that other members made to the member, and renames their counterparty, by this index instead of
-- reading every posting; so an erasure costs the same with a billion postings as with a thousand.
CREATE INDEX loyalty_posting_counterparty ON loyalty_posting (counterparty);

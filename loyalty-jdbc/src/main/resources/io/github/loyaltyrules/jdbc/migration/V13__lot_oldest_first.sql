-- loyalty-jdbc schema, version 13: the second order a spend may take a member's lots in, oldest first
-- (a currency's ConsumptionOrder.OLDEST_FIRST), beside the soonest-expiry-first order of version 7, so
-- that such a redemption too reads the few lots it takes and not every open lot. open_since is the
-- lot's earning time while it holds points, and NULL once it is spent, which takes it out of the
-- range a spend reads. Both columns are kept for every lot, so a currency may change its order at
-- any time and the open lots follow at once.
ALTER TABLE loyalty_lot ADD COLUMN open_since TIMESTAMP WITH TIME ZONE;
UPDATE loyalty_lot SET open_since = earned_at WHERE remaining > 0;
CREATE INDEX loyalty_lot_oldest ON loyalty_lot (member_id, currency, open_since, lot_no);

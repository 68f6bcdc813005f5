-- loyalty-jdbc schema, version 7: the order a spend takes a member's lots in, for the lots that
-- hold points only, so that a redemption reads the few lots it takes (soonest expiry first) and not
-- every open lot. open_until is the lot's expiry while it holds points (9999-12-31 for a lot that
-- never expires, so that those come last), and NULL once it is spent, which takes it out of the
-- range a spend reads.
ALTER TABLE loyalty_lot ADD COLUMN open_until TIMESTAMP WITH TIME ZONE;
UPDATE loyalty_lot SET open_until = COALESCE(expires_at, TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00:00') WHERE remaining > 0;
CREATE INDEX loyalty_lot_spending ON loyalty_lot (member_id, currency, open_until, earned_at, lot_no);

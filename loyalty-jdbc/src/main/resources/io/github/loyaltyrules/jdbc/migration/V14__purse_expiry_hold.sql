-- loyalty-jdbc schema, version 14: expiry held per purse (Ledger.holdExpiry, issue 18), e.g. while the
-- member holds a status that protects their points. expiry_held_since is when the hold began, NULL when
-- the purse is not held: while it is set, nothing of the purse expires at a date after it. The lift
-- writes the open lots' new expires_at (and open_until, their place in the spending order) in place.
ALTER TABLE loyalty_purse ADD COLUMN expiry_held_since TIMESTAMP WITH TIME ZONE;

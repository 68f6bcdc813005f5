-- loyalty-jdbc schema, version 12: redemptions tied to the purchase they paid for
-- (LoyaltyProgram.redeemFor / redeemRewardFor), so that a return of part of the purchase gives back
-- points spent on it by the purchase version's refund policy. One row per redemption key (the primary
-- key lets one server tie it first); the index finds a purchase's redemptions when it is returned.
-- Keys only: what a return gave back is in the return's record (loyalty_program_record).
CREATE TABLE loyalty_program_tie (
    redemption_key VARCHAR(200) NOT NULL PRIMARY KEY,
    purchase_key   VARCHAR(200) NOT NULL
);
CREATE INDEX loyalty_program_tie_purchase ON loyalty_program_tie (purchase_key, redemption_key);

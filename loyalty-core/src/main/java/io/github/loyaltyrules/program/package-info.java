/**
 * The program facade: {@link io.github.loyaltyrules.program.LoyaltyProgram} runs one immutable
 * {@link io.github.loyaltyrules.program.ProgramVersion} (rule engine and rewards catalogue) at a
 * time over a ledger, turning purchases, events and returns into explained, idempotent postings.
 *
 * <p><b>Tiers.</b> A program made with {@link LoyaltyProgram#of(io.github.loyaltyrules.ledger.Ledger, ProgramVersion, io.github.loyaltyrules.tier.TierEngine)} keeps members'
 * tiers on the engine's ladder. Rules see the member's tier at the business time, with its earning
 * multiplier and perks ({@link io.github.loyaltyrules.rule.MemberProfile#tierMultiplier()}, {@link io.github.loyaltyrules.rule.MemberProfile#perks()}).
 * After a purchase or event is posted, its qualifying activity is recorded in the engine, for each
 * metric the ladder declares: points earned in a {@link io.github.loyaltyrules.tier.Metric#points points} metric's currency
 * (under the posting's key {@code key#CURRENCY}, the key {@link io.github.loyaltyrules.tier.TierFeed}
 * would use, so a ledger that also feeds the engine counts nothing twice); the basket total for a
 * {@link io.github.loyaltyrules.tier.Metric#spend spend} metric in the basket's money currency (floored to the currency's minor
 * unit, under {@code key#spend}); one purchase for {@link io.github.loyaltyrules.tier.Metric#purchases()} (under
 * {@code key#purchase}). Counters are the caller's to record. A return takes back, in the window the
 * purchase counted in, the points it clawed back, the money of the returned units, and the purchase
 * itself once every unit is returned.
 *
 * <p><b>Returns and their allocation rule.</b> A return claws back, per award, the share of the
 * returned units of each line: {@code floor(share * unitsReturnedSoFar / quantity)} minus what
 * earlier returns took, so that returning every unit, in any number of returns, takes back exactly
 * the line's share. An award's line shares are the engine's; an award without them is shared over
 * the lines in proportion to line amounts, the remainder going one point at a time to the lines with
 * the largest fractional parts. Then, if part of the basket is kept, the kept basket is evaluated
 * again under the program version that computed the purchase (the receipt names it; every version
 * ever installed stays reachable through {@link LoyaltyProgram#version(String)}), with the member's profile and
 * business time of the purchase, through {@link io.github.loyaltyrules.rule.RuleEngine#reevaluate},
 * which draws no caps or budgets. For each rule and currency that the kept basket no longer earns at
 * all (a basket-level bonus whose threshold, e.g. "40 stars on baskets of 20.00 or more", the kept
 * basket no longer meets), what the purchase keeps of that award after the line shares is clawed back
 * as well, on its own line: "-N STAR: rule name: the kept basket no longer qualifies (kept basket
 * 12.00 EUR earns nothing under version v1; N kept after line shares)". Awards the kept basket still
 * earns keep to their line shares, so per-line rounding is never clawed back twice. Nothing is ever
 * given back by a return (a rule the kept basket would newly earn, e.g. a lesser bonus in the same
 * exclusive group, is not awarded), and no award is clawed back beyond its amount.
 * Once the return has posted, the purchase's engine learns what it clawed back, under the return's key
 * ({@link io.github.loyaltyrules.rule.RuleEngine#returned}), so that per-member caps and campaign
 * budgets drawn for the returned part are released; a retried return tells it again, and the engine
 * releases once per return key.
 *
 * <p><b>Idempotency.</b> Every call carries the caller's key. A purchase, event or return posts under
 * keys derived from it; the program remembers which kind of operation each caller key was used for,
 * and reusing a key for another operation (a purchase key for a redemption, a reservation key for a
 * purchase) throws {@link io.github.loyaltyrules.ledger.IdempotencyConflictException} and changes nothing. Retrying the same request
 * with its key returns the first result.
 *
 * <p><b>State.</b> Member profiles, purchase and reward counts, what each purchase, event, return and
 * reward redemption recorded, what returns took, and key uses are kept in a
 * {@link io.github.loyaltyrules.program.spi.ProgramStore}: in this JVM's memory by default, or in a
 * durable store shared by several servers ({@link LoyaltyProgram#of(io.github.loyaltyrules.ledger.Ledger, ProgramVersion, io.github.loyaltyrules.tier.TierLookup, io.github.loyaltyrules.program.spi.ProgramStore)}),
 * so that a purchase made on one server is returned on another, and a reward's limit holds across them.
 * The points themselves are in the ledger's store. Each change to the program's state is a
 * compare-and-set or keyed insert in the store, made <em>before</em> the ledger posts: a purchase's
 * record (with its awards) is stored, then posted under derived keys; a return's record and the
 * purchase's next return state are stored together, then the claw-backs are posted; a reward
 * redemption is counted, then posted. A purchase, event or reward redemption that the ledger refuses
 * (too few points, a balance that would overflow) is withdrawn: its record and its count go, and the
 * caps and budgets its evaluation drew are released, so it leaves no trace and a "first purchase" rule
 * sees the same member on the next attempt. Caps and budgets are drawn by the engine under the
 * request's key before the record is stored; a store failure (even a commit whose reply was lost)
 * keeps them, so the retry either finds the record or evaluates to the same draws: a crash at any
 * point followed by a retry with the same key leaves exactly what one clean run leaves. A
 * failure after the store write and before the posting leaves a record that a retry with the same key
 * completes, posting exactly what was recorded; two servers can never both record the same key, the
 * same returned unit, or a redemption beyond the limit. A receipt holds no more than what a replay and
 * a return need: the request, the awards, and for a purchase the member as the rules saw them; its
 * ledger postings are read back from the ledger. Program versions are not stored (they hold code):
 * install the same versions on every server that shares a store; a return of a purchase computed by a
 * version this program has not installed is refused. Thread-safe; calls for one member are serialised in
 * this JVM and by the store's versions across servers.
 */
package io.github.loyaltyrules.program;

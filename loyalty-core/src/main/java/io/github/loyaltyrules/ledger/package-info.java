/**
 * The points ledger: point currencies, exact amounts, member accounts, lots, and the operations
 * that post to them (earn, redeem, reserve/capture/release, adjust, reverse, transfer, expire).
 *
 * <p>{@link io.github.loyaltyrules.ledger.Ledger} is the entry point. Every posting is idempotent
 * by its key, every rejected call throws a {@link io.github.loyaltyrules.ledger.LoyaltyException}
 * and changes nothing, and balances are exact {@code long} minor units.
 */
package io.github.loyaltyrules.ledger;

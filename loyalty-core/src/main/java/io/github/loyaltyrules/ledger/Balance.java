package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * A member's balance in one currency as of an instant, all in minor units.
 *
 * <p>{@code available = total - pending - reserved - expired}. {@code total} is the sum of the
 * lots' remaining amounts and of the ledger entries; {@code expired} is what has passed its expiry
 * date but not yet been written off by an expiry sweep, so {@code total - expired} is what the
 * member really holds. {@code debt} is what reversals could not claw back; later earnings settle
 * it first.
 *
 * @param member the member
 * @param currency the currency code
 * @param asOf the instant the balance is for
 * @param total the book balance
 * @param available what can be redeemed or reserved now
 * @param pending what is still in its hold period
 * @param reserved what is held by open reservations
 * @param expired what has expired but not yet been swept
 * @param debt what is owed from reversals
 *
 * @since 0.1.0
 */
public record Balance(MemberId member, String currency, Instant asOf, long total, long available, long pending,
        long reserved, long expired, long debt) {

    /**
     * Validates the balance.
     *
     * @param member the member
     * @param currency the currency code
     * @param asOf the instant the balance is for
     * @param total the book balance
     * @param available what can be redeemed or reserved now
     * @param pending what is still in its hold period
     * @param reserved what is held by open reservations
     * @param expired what has expired but not yet been swept
     * @param debt what is owed from reversals
     * @throws NullPointerException if a component is null
     * @throws IllegalStateException if the parts do not add up or are negative
     */
    public Balance {
        Checks.notNull(member, "member");
        Checks.notNull(currency, "currency");
        Checks.notNull(asOf, "asOf");
        if (total < 0 || available < 0 || pending < 0 || reserved < 0 || expired < 0 || debt < 0
                || available != total - pending - reserved - expired) {
            throw new IllegalStateException("inconsistent balance of " + member + " in " + currency + ": total " + total
                    + ", available " + available + ", pending " + pending + ", reserved " + reserved + ", expired "
                    + expired + ", debt " + debt);
        }
    }

    /**
     * Returns what the member can spend net of what they owe: {@code available - debt}, negative while
     * a debt from a reversal is larger than what is available (later earnings settle the debt first,
     * so a member at -30 who earns 50 can spend 20). For showing a member one signed figure.
     *
     * @return the signed balance in minor units
     */
    public long net() {
        return available - debt;
    }
}

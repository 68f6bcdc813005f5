package io.github.loyaltyrules.ledger.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An expiry hold of one purse that has ended: from when to when the purse's expiry was suspended,
 * and whether its inactivity clock started again when the hold ended. A store keeps these beside
 * the member's entries, so that a balance as of a past time knows which lots were protected then
 * (see {@link LedgerStore#liftedHolds}).
 *
 * @param currency the purse's currency code
 * @param since when the hold began
 * @param endedAt when it ended; not before {@code since}
 * @param inactivityRestarted whether the purse's inactivity clock started again at {@code endedAt}
 *        (it does unless everything had lapsed before the hold began)
 *
 * @since 0.1.0
 */
public record LiftedHold(String currency, Instant since, Instant endedAt, boolean inactivityRestarted) {

    /**
     * Validates the hold.
     *
     * @param currency the currency code
     * @param since when the hold began
     * @param endedAt when it ended
     * @param inactivityRestarted whether the inactivity clock started again at the end
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code endedAt} is before {@code since}
     */
    public LiftedHold {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(since, "hold start must not be null");
        Objects.requireNonNull(endedAt, "hold end must not be null");
        if (endedAt.isBefore(since)) {
            throw new IllegalArgumentException("a hold cannot end at " + endedAt + ", before it began at " + since);
        }
    }

    /**
     * Tells whether the hold was in force at a time: from its start, up to but not at its end.
     *
     * @param at the time
     * @return true if {@code since <= at < endedAt}
     */
    public boolean heldAt(Instant at) {
        return !at.isBefore(since) && at.isBefore(endedAt);
    }
}

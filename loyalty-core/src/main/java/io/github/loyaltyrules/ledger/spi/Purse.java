package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.internal.OpenLots;
import io.github.loyaltyrules.ledger.internal.UnreadLots;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A member's holdings in one currency, as part of their working set: the lots that still hold
 * points, the debt and the time of the last qualifying activity. Spent lots are not here: the
 * store keeps them apart ({@link LedgerStore#lot}), so that a reversal can give them back. (The
 * list the ledger hands over may still hold a few lots spent by recent postings, with nothing
 * remaining, until it drops them in bulk; they carry no points, and a store need not keep them.)
 *
 * @param currency the currency code
 * @param lots the lots with points remaining, in creation order
 * @param debt the debt, in minor units
 * @param lastActivity the business time of the last qualifying activity, or {@code null}
 * @param expiryHeldSince since when expiry is held (suspended, see
 *        {@link io.github.loyaltyrules.ledger.Ledger#holdExpiry}), or {@code null} if it is not: while
 *        it is, no lot expires at a date after this instant, by its own date nor by inactivity
 *
 * @since 0.1.0
 */
public record Purse(String currency, List<Lot> lots, long debt, Instant lastActivity, Instant expiryHeldSince) {

    /**
     * Validates the purse and makes its lot list unmodifiable.
     *
     * @param currency the currency code
     * @param lots the lots with points remaining, in creation order
     * @param debt the debt, in minor units
     * @param lastActivity the business time of the last qualifying activity, or {@code null}
     * @param expiryHeldSince since when expiry is held, or {@code null} if it is not
     * @throws NullPointerException if a required component is null
     */
    public Purse {
        Objects.requireNonNull(currency, "currency must not be null");
        // an open-lot list is immutable already, and shares all but a path with the purse it grew from
        lots = lots instanceof UnreadLots ? lots : OpenLots.copyOf(lots);
    }

    /**
     * Returns a purse whose expiry is not held.
     *
     * @param currency the currency code
     * @param lots the lots with points remaining, in creation order
     * @param debt the debt, in minor units
     * @param lastActivity the business time of the last qualifying activity, or {@code null}
     * @throws NullPointerException if a required component is null
     */
    public Purse(String currency, List<Lot> lots, long debt, Instant lastActivity) {
        this(currency, lots, debt, lastActivity, null);
    }

    /**
     * Returns a purse whose lots a store did not read (see {@link LedgerStore#workingSet}): only
     * their sum is known, and {@link #lots()} throws on any read; the ledger reads the lots with
     * {@link LedgerStore#openLots} when a posting needs them.
     *
     * @param currency the currency code
     * @param balance what the purse's lots hold, in minor units
     * @param debt the debt, in minor units
     * @param lastActivity the business time of the last qualifying activity, or {@code null}
     * @return the purse
     * @throws NullPointerException if {@code currency} is null
     * @throws IllegalArgumentException if {@code balance} is negative
     */
    public static Purse withoutLots(String currency, long balance, long debt, Instant lastActivity) {
        return new Purse(currency, new UnreadLots(balance), debt, lastActivity, null);
    }

    /**
     * Returns a purse whose lots a store did not read, as {@link #withoutLots(String, long, long, Instant)},
     * with the time since which its expiry is held.
     *
     * @param currency the currency code
     * @param balance what the purse's lots hold, in minor units
     * @param debt the debt, in minor units
     * @param lastActivity the business time of the last qualifying activity, or {@code null}
     * @param expiryHeldSince since when expiry is held, or {@code null} if it is not
     * @return the purse
     * @throws NullPointerException if {@code currency} is null
     * @throws IllegalArgumentException if {@code balance} is negative
     */
    public static Purse withoutLots(String currency, long balance, long debt, Instant lastActivity,
            Instant expiryHeldSince) {
        return new Purse(currency, new UnreadLots(balance), debt, lastActivity, expiryHeldSince);
    }

    /**
     * Tells whether the purse holds its lots, or only their sum ({@link #withoutLots}).
     *
     * @return true if {@link #lots()} can be read
     */
    public boolean lotsRead() {
        return !(lots instanceof UnreadLots);
    }

    /**
     * Returns what the purse's lots hold, in minor units, whether or not they were read.
     *
     * @return the balance
     */
    public long balance() {
        return lots instanceof UnreadLots u ? u.remaining() : ((OpenLots) lots).remaining();
    }
}
